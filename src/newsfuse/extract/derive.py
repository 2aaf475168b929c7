"""Counts an article implies without stating them: people shot minus people killed are injured.

"Two men were shot, one fatally" states 2 hit and 1 dead; the injured (1) are derived. Derived
mentions cite the "shot" evidence and carry a lower confidence so readers can tell them apart.
"""

from __future__ import annotations

from newsfuse.extract.headcount import CountFinding
from newsfuse.extract.headcount import Headcount
from newsfuse.model import Qualifier

DERIVED_CONFIDENCE = 0.7


def _best(findings: list[tuple[CountFinding, str]], slot: str) -> CountFinding | None:
    chosen = [f for f, scope in findings if f.slot == slot and scope == "main" and f.subset_of is None
              and f.count.point is not None and f.count.qualifier != Qualifier.VAGUE]
    return max(chosen, key=lambda f: f.count.point, default=None)


def derived_injuries(findings: list[tuple[CountFinding, str]], title_dead: int = 0) -> list[CountFinding]:
    """Injured = (people shot) - (people killed), when more were shot than the article says were
    killed or injured.

    Args:
        findings: (finding, scope) pairs of one article.
        title_dead: the deaths its title states ("Teen dead after ..." over a text that only
            says "he was accidentally shot": the one shot is the one dead).

    Returns:
        At most one derived ``injured`` finding.
    """
    shot = _best(findings, "shot")
    if shot is None:
        return []
    killed = _best(findings, "killed")
    injured = _best(findings, "injured")
    dead = max(killed.count.point if killed else 0, title_dead)
    rest = shot.count.point - dead
    if rest <= 0 or (injured and injured.count.point >= rest):
        return []
    c = shot.count
    count = Headcount(rest, rest if c.high is not None else None,
                      c.qualifier if c.qualifier != Qualifier.EXACT else Qualifier.EXACT, rest, c.start, c.end, c.who)
    if c.high is None:
        count.qualifier = Qualifier.AT_LEAST
    return [CountFinding("injured", count, shot.start, shot.end, confidence=DERIVED_CONFIDENCE)]
