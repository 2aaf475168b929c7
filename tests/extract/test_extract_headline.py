"""Headline counts (my own example headlines)."""

import pytest

from newsfuse.extract.headline import headline_counts, headline_fallback


@pytest.mark.parametrize("title, expected", [
    ("Three killed, one injured in Anytown shooting", {"killed": 3, "injured": 1}),
    ("Toddler, 2, in critical condition after gunshot - Channel 9", {"critical": 1}),
    ("12-year-old boy injured in accidental shooting", {"injured": 1}),
    ("5 shot outside a party on the east side", {"shot": 5}),
    ("Teen shot, killed near a park", {"shot": 1, "killed": 1}),
    ("Boy shoots himself in the leg", {"shot": 1}),
    ("Man charged with killing neighbor", {"killed": 1}),
    ("Three men shot, a fourth wounded by glass", {"shot": 3, "injured": 1}),
    ("Teens shot at a party", {}),
    ("No one hurt in drive-by shooting", {}),
    ("Police seek suspect in attempted robbery", {}),
    (None, {}),
])
def test_headline_counts(title, expected):
    assert {c.slot: c.point for c in headline_counts(title)} == expected


def test_fallback_fills_only_silent_slots():
    title = "Two dead, four shot in Anytown"
    # the text already states the dead: only the people hit come from the title (4 - 2 injured)
    out = headline_fallback(title, [("killed", None, 2)])
    slots = {(slot, value.point) for slot, value, _, _ in out}
    assert slots == {("other_count", 4), ("injured", 2)}
    assert headline_fallback(title, [("killed", None, 2), ("injured", None, 1)]) == []
