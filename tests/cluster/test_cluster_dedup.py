"""Near-duplicates and the wire-service source key."""

from __future__ import annotations

import pytest

from newsfuse.cluster import NearDuplicateIndex, wire_source
from newsfuse.errors import ConfigError

BASE = (
    "The city council voted on Tuesday to close the old river bridge to heavy traffic after "
    "engineers found cracks in two of its supporting piers during a routine inspection last month. "
    "Repairs are expected to take at least six weeks and will cost about two million dollars, the "
    "transport office said, adding that buses would be diverted through the northern ring road."
)


def test_lightly_edited_copy_points_at_the_first_copy():
    index = NearDuplicateIndex(threshold=0.8)
    assert index.add("orig", BASE, "Council closes river bridge") is None
    edited = BASE + " Residents were told in a letter."  # a republication with a line added
    first = index.add("copy1", edited, "Council closes river bridge")
    assert first is not None and first[0] == "orig" and first[1] >= 0.8
    # A copy of the copy still points at the first copy seen.
    second = index.add("copy2", edited, "Council closes old river bridge")
    assert second is not None and second[0] == "orig"


def test_different_text_and_shared_boilerplate_are_not_copies():
    index = NearDuplicateIndex(threshold=0.8)
    index.add("orig", BASE, "Council closes river bridge")
    other = (
        "A new library opened downtown on Saturday with a reading room for children, a café and "
        "a hall for public lectures, after three years of building work funded by a local "
        "foundation and the regional government, the mayor told visitors at the opening."
    )
    assert index.add("other", other, "New library opens") is None
    # The same paywall text under two different headlines: two articles, not copies.
    assert index.add("paywall-b", BASE, "Storm floods coastal road") is None


def test_short_texts_and_bad_arguments():
    index = NearDuplicateIndex()
    assert index.add("s1", "Too short to judge.") is None
    assert index.add("s2", "Too short to judge.") is None
    with pytest.raises(ConfigError, match="twice"):
        index.add("s1", "again")
    with pytest.raises(ConfigError, match="threshold"):
        NearDuplicateIndex(threshold=1.5)


@pytest.mark.parametrize(
    ("title", "text", "agency"),
    [
        (None, "LISBON (AP) — The harbour reopened on Monday.", "ap"),
        (None, "ROME (Reuters) - Talks resumed on Sunday.", "reuters"),
        ("Harbour reopens", "The harbour reopened, according to the Associated Press.", "ap"),
        (None, "Officials said the port was closed, Agence France-Presse reported.", "afp"),
        (None, "The mayor said the capital was calm and the map app was down.", None),
    ],
)
def test_wire_source(title, text, agency):
    assert wire_source(title, text) == agency


def test_minhash_signature_equals_datasketch_update_batch():
    # The numpy signature replaces datasketch's per-value loop: it must give the same values,
    # or LSH buckets and Jaccard estimates would silently change with a datasketch upgrade.
    from datasketch import MinHash

    from newsfuse.cluster.dedup import minhash_signature, shingle_hashes

    template = MinHash(num_perm=64, seed=1, scheme="affine32")
    hashes = shingle_hashes("the ferry left the harbour at dawn with forty passengers on board", 3)
    expected = MinHash(num_perm=64, seed=1, hashfunc=int, permutations=template.permutations, scheme="affine32")
    expected.update_batch(hashes.tolist())
    assert (minhash_signature(hashes, template.permutations) == expected.hashvalues).all()
