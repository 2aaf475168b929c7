"""Which sentences the summary may choose from, and which it never repeats."""

import numpy as np

from newsfuse.model import Analysed, Article, Span
from newsfuse.report.summary import Candidate, candidates, lexical_vectors, select


def spans_of(text: str, parts: list[str]) -> list[Span]:
    out = []
    for part in parts:
        start = text.index(part)
        out.append(Span(start=start, end=start + len(part), text=part))
    return out


def test_a_paragraphs_last_sentence_and_a_stray_quote_are_trimmed():
    text = ('Nine people died in the fire at the mill in Ardvale, the county fire service said.\n\n'
            '"It burned so fast," a worker said." The owner said it would answer every question from investigators.')
    article = Article(id="a", text=text)
    # The parser's sentences keep the paragraph's line break and the previous quote's closing mark.
    spans = spans_of(text, [text[: text.index("\n\n") + 1], text[text.index('" The owner'):]])
    found = candidates([article], {"a": Analysed(article_id="a", sentences=spans)}, {})
    assert [c.span.text for c in found] == [
        "Nine people died in the fire at the mill in Ardvale, the county fire service said.",
        "The owner said it would answer every question from investigators.",
    ]
    for c in found:
        assert text[c.span.start : c.span.end] == c.span.text  # offsets still point at the text


def test_a_heading_glued_to_the_first_sentence_is_left_out():
    text = ("Harbour Crane Collapse in Tarnwick\n\nInspectors Still on Site\n\n"
            "A crane fell across the quay in Tarnwick on Monday, injuring four dock workers.\n"
            "The port authority said the crane had been inspected in\nMarch, the union said.")
    article = Article(id="a", text=text)
    # The parser joined the two heading lines (no closing punctuation) to the first sentence; a
    # sentence wrapped inside a line ("in\nMarch") keeps its start.
    first_end = text.index("workers.") + len("workers.")
    spans = spans_of(text, [text[:first_end], text[first_end + 1 :]])
    found = candidates([article], {"a": Analysed(article_id="a", sentences=spans)}, {})
    assert found[0].span.text.startswith("A crane fell across the quay")
    assert found[1].span.text.startswith("The port authority said")
    for c in found:
        assert text[c.span.start : c.span.end] == c.span.text


def test_near_copies_are_never_both_chosen():
    texts = [
        "Governor Ana Mirel told reporters at the harbour that at least 11 people were still missing.",
        "Regional governor Ana Mirel told reporters at the harbour that at least 11 people were still missing.",
        "Divers recovered seven more bodies from the submerged cabin on Saturday.",
        "The operator handed over a passenger list with 97 names on Sunday morning.",
    ]
    cands = [Candidate(article_id=str(i), span=Span(start=0, end=len(t), text=t), position=0) for i, t in enumerate(texts)]
    # Vectors that see the two governor sentences as different (as vectors of two kinds can).
    vectors = np.eye(4, dtype=np.float32)
    chosen = select(cands, lambda batch: vectors[[texts.index(t) for t in batch]])
    picked = [c.span.text for c in chosen]
    assert sum("Ana Mirel" in t for t in picked) == 1
    assert len(picked) == 3
    assert lexical_vectors(texts).shape == (4, 1024)

