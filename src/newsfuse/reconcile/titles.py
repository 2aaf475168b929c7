"""Headline figures: claims of their article, or context for the event.

Extraction keeps every count a title states (``evidence.field == "title"``). Within its article
a title figure is a claim only where the text is silent on the slot or states less (a truncated
crawl, a text that tells one victim of four): :func:`split_title_context`. The others are
*context*: across an event, a title figure above the reconciled one (a headline "4 wounded"
over texts that each tell of one or two victims) raises it (:func:`title_floor`).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import CountValue, Mention

_HIT = {"injured", "critical", "hospitalized"}


def _text_counts(mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if isinstance(m.value, CountValue) and m.scope == "main"
            and not m.value.subset_of and m.evidence.field != "title"]


def _above(m: Mention, stated: int) -> bool:
    return m.value.qualifier == "exact" and (m.value.point or 0) > max(stated, 1)


def _is_claim(m: Mention, text: Sequence[Mention]) -> bool:
    """Would the title figure ``m`` stand as a claim of its article (the text's ``text``)?"""
    if m.slot == "killed":
        dead = [t.value.point or 0 for t in text if t.slot == "killed"]
        return not dead or _above(m, max(dead))
    if m.slot in ("injured", "critical"):
        hit = any(t.slot in _HIT or t.value.population == "shot" for t in text)
        if not hit:
            return True
        hurt = max((t.value.point or 0 for t in text if t.slot in ("injured", "critical")), default=0)
        return m.slot == "injured" and _above(m, hurt)
    if m.slot == "other_count" and m.value.population == "shot":
        return not any(t.slot in _HIT or t.value.population == "shot" for t in text)
    return True


def split_title_context(mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(the mentions that are claims, the title figures kept as context only).

    Args:
        mentions: mentions of one or more articles.

    Returns:
        Claims in input order, and the title count mentions that are not claims.
    """
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    text = {a: _text_counts(ms) for a, ms in by_article.items()}
    claims, context = [], []
    for m in mentions:
        if (m.evidence.field == "title" and isinstance(m.value, CountValue)
                and not _is_claim(m, text[m.article_id])):
            context.append(m)
        else:
            claims.append(m)
    return claims, context


def title_figures(mentions: Sequence[Mention], slot: str, dead: int) -> list[tuple[int, Mention]]:
    """Each title's exact figure for ``slot`` (killed or injured), with its mention.

    A title's injured are its injured (plus those in critical condition), else the people it
    says were shot minus its own dead, or minus the event's ``dead`` when it names none.

    Args:
        mentions: the event's mentions (claims and context).
        slot: ``killed`` or ``injured``.
        dead: the event's reconciled toll.

    Returns:
        (figure, mention) per article whose title states one.
    """
    by_article: dict[str, dict[str, Mention]] = {}
    for m in mentions:
        if (m.evidence.field == "title" and isinstance(m.value, CountValue)
                and m.value.qualifier == "exact" and m.value.point is not None
                and m.scope == "main" and not m.value.subset_of and m.confidence >= 0.8):
            key = "shot" if m.value.population == "shot" else m.slot
            by_article.setdefault(m.article_id, {}).setdefault(key, m)
    out = []
    for found in by_article.values():
        if slot == "killed" and "killed" in found:
            out.append((found["killed"].value.point, found["killed"]))
        elif slot == "injured" and "injured" in found:
            extra = found["critical"].value.point if "critical" in found else 0
            out.append((found["injured"].value.point + extra, found["injured"]))
        elif slot == "injured" and "shot" in found:
            own = found["killed"].value.point if "killed" in found else dead
            if found["shot"].value.point - own >= 0:
                out.append((found["shot"].value.point - own, found["shot"]))
    return out
