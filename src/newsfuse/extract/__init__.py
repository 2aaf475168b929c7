"""Stage ``extract``: one Article and its Analysed → the Mentions it makes.

Every Mention is one claim with the exact text behind it
(``article.text[m.evidence.start:m.evidence.end] == m.evidence.text``), its attribution, hedge and
scope (main event or background). Modules by job: :mod:`numbers` (number phrases → intervals),
:mod:`headcount` / :mod:`counts` (who is counted in which slot), :mod:`derive` (injured = shot -
killed), :mod:`scope`, :mod:`time`, :mod:`place`, :mod:`event_type`, :mod:`actors`,
:mod:`responsibility`, :mod:`attribution`. Word lists live in ``data/*.json``. No model is loaded
here: everything reads the spaCy Doc in ``Analysed.doc``.
"""

from __future__ import annotations

from newsfuse.extract.article import extract_mentions

__all__ = ["extract_mentions"]
