"""Counts a headline states: "Three killed, one injured in shooting", "Teen shot, killed",
"Killeen 2-year-old in critical condition from gunshot".

Many crawled articles are truncated (a cookie notice, a video caption, the first line only) while
their headline still gives the casualties. The headline has no parse (``analyse`` parses the
text), so a small grammar over clauses does the work (``data/headlines.json``): a trigger word
per slot, and the count is the last number phrase before it in the clause, else one person
("teen", "13-year-old"). Plural nouns without a number ("teens shot") and negated or irrealis
clauses count nothing. :func:`newsfuse.extract.article.extract_mentions` uses these claims only
for the slots the article's text says nothing about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.extract.lexicon import load
from newsfuse.extract.numbers import find_quantities, parse_number_words
from newsfuse.model import CountValue, Qualifier


@dataclass
class HeadlineCount:
    """One count a headline states; ``phrase`` is the clause that states it."""

    slot: str  # killed, injured, critical or shot (people hit, fate unknown)
    low: int
    high: int | None
    qualifier: Qualifier
    point: int
    phrase: str


@lru_cache(maxsize=1)
def _grammar() -> dict:
    lex = load("headlines")
    return {
        "triggers": [(re.compile(p, re.I), s) for p, s in lex["triggers"]],
        "active": [(re.compile(p, re.I), s) for p, s in lex["active"]],
        "skip": re.compile("|".join(lex["skip_clause"]), re.I),
        "person": re.compile(lex["person"], re.I),
        "self": re.compile(lex["self"], re.I),
        "seps": lex["site_separators"],
        "relative": re.compile(lex["relative"], re.I),
        "death": re.compile(lex["death_words"], re.I),
        "other_people": re.compile(lex["other_people_between"], re.I),
    }


def strip_site(title: str) -> str:
    """"Teen shot in Akron - WKYC" → "Teen shot in Akron" (the last separator only)."""
    g = _grammar()
    cut = max((title.rfind(sep) for sep in g["seps"]), default=-1)
    return title[:cut] if cut > len(title) // 3 else title


def _count_before(clause: str, end: int) -> tuple[int, int | None, Qualifier, int] | None:
    g = _grammar()
    # Only the words after the last relative pronoun or arrest word count the people hit:
    # "2 arrested in shooting that killed 1" (the 1 follows), "Two men charged after girl shot".
    cut = max((m.end() for key in ("relative", "other_people") for m in g[key].finditer(clause, 0, end)),
              default=0)
    head = clause[cut:end].rstrip()
    if re.search(r"\ba (?:second|third|fourth|fifth|sixth)\b", head, re.I):
        return 1, 1, Qualifier.EXACT, 1  # "Three shot, a fourth wounded"
    last = head.rsplit(" ", 1)[-1]
    bare = int(last) if last.isdigit() and len(last) < 4 else parse_number_words(last.lower())
    if bare is not None:  # "5 shot": digits before "shot" read as shots fired in body text
        return bare, bare, Qualifier.EXACT, bare
    found = [q for q in find_quantities(clause, cut, end) if q.point is not None]
    if found:
        q = found[-1]
        if len(found) > 1 and re.fullmatch(r"\s*of(?: the)?\s*", clause[found[-2].end:q.start], re.I):
            q = found[-2]  # "One of Five Victims Dies": the part, not the whole
        if q.qualifier == Qualifier.VAGUE:
            return None
        return q.low, q.high, q.qualifier, q.point
    if g["person"].search(clause, cut, end):
        return 1, 1, Qualifier.EXACT, 1
    return _number_right_after(clause, end) or _person_right_after(clause, _word_end(clause, end))


def _number_right_after(clause: str, end: int) -> tuple[int, int, Qualifier, int] | None:
    """"... That Killed 1, Injured 3": a bare number right after the trigger."""
    found = re.match(r"\w+\s+(\d{1,3}|[a-z]+)\b(?![-\w])(?!\s*(?:times|shots|rounds|years?|months?|days?|hours?))",
                     clause[end:], re.I)
    if not found:
        return None
    word = found.group(1)
    value = int(word) if word.isdigit() else parse_number_words(word.lower())
    return None if value is None else (value, value, Qualifier.EXACT, value)


def _person_right_after(clause: str, start: int) -> tuple[int, int, Qualifier, int] | None:
    """"... shooting that injured 17-year-old": one person named right after the trigger (not a
    number there: "Dead at 25" is an age)."""
    rest = clause[start:].lstrip().removeprefix("of ").removeprefix("a ").removeprefix("an ")
    return (1, 1, Qualifier.EXACT, 1) if _grammar()["person"].match(rest) else None


def _word_end(clause: str, start: int) -> int:
    found = re.match(r"\w+", clause[start:])
    return start + (found.end() if found else 0)


def _count_after(clause: str, start: int) -> tuple[int, int | None, Qualifier, int] | None:
    rest = clause[start:]
    found = [q for q in find_quantities(rest, 0, min(len(rest), 30)) if q.point is not None]
    if found and found[0].qualifier != Qualifier.VAGUE:
        q = found[0]
        return q.low, q.high, q.qualifier, q.point
    rest = rest.lstrip().removeprefix("of ").removeprefix("a ").removeprefix("an ")
    if _grammar()["person"].match(rest):
        return 1, 1, Qualifier.EXACT, 1
    return None


def _clauses(title: str) -> list[str]:
    """The title's clauses, each a substring of it. "Boy, 3, wounded": an age between commas
    is not a clause boundary."""
    masked = re.sub(r",(\s*\d{1,2}\s*),", lambda m: "\0" + m.group(1) + "\0", title)
    cuts = [0]
    for m in re.finditer(r"[,;:]| and (?=\w+ (?:killed|dead|injured|wounded|hurt|shot))", masked):
        cuts += [m.start(), m.end()]
    cuts.append(len(title))
    return [title[a:b].strip() for a, b in zip(cuts[::2], cuts[1::2]) if title[a:b].strip()]


def headline_counts(title: str | None) -> list[HeadlineCount]:
    """The counts a headline states, at most one per slot.

    Args:
        title: the article's title (None or empty: nothing).

    Returns:
        Claims for the slots killed, injured, critical and shot.
    """
    if not title:
        return []
    g = _grammar()
    out: dict[str, HeadlineCount] = {}
    listed = 0  # people named in clauses before with no trigger: "Father, daughter found dead"
    for clause in _clauses(strip_site(title)):
        if not clause or g["skip"].search(clause):
            listed = 0
            continue
        if (len(clause.split()) <= 3 and g["person"].fullmatch(clause.split()[-1].rstrip("s"))
                and not any(p.search(clause) for p, _ in (*g["triggers"], *g["active"]))):
            listed += 1
            continue
        for pattern, slot in g["triggers"]:
            hit = pattern.search(clause)
            if hit is None:
                continue
            count = _count_before(clause, hit.start())
            if count is None and g["self"].search(clause[hit.end():hit.end() + 12]):
                count = (1, 1, Qualifier.EXACT, 1)  # "Boy shoots himself"
            if count is None and slot in ("killed", "injured", "critical") and out:
                prev = next(iter(out.values()))  # "Teen shot, killed": the same people
                count = (prev.low, prev.high, prev.qualifier, prev.point)
            if count is not None and listed and count[0] == 1 and count[1] == 1:
                count = (1 + listed, 1 + listed, Qualifier.EXACT, 1 + listed)
            if count is not None:
                out.setdefault(slot, HeadlineCount(slot, *count, phrase=clause))
            break
        else:
            for pattern, slot in g["active"]:
                hit = pattern.search(clause)
                count = _count_after(clause, hit.end()) if hit else None
                if count is not None:
                    out.setdefault(slot, HeadlineCount(slot, *count, phrase=clause))
                    break
    return list(out.values())


#: Title claims are terse and sometimes about a related story: below stated text figures.
HEADLINE_CONFIDENCE = 0.8
_INJURY_SLOTS = {"injured", "critical", "hospitalized"}


def headline_fallback(title: str | None, text_counts: list[tuple[str, str | None, int | None]]
                      ) -> list[tuple[str, CountValue, str, float]]:
    """The headline's counts for the slots the article's text says nothing about.

    Args:
        title: the article's title.
        text_counts: (slot, population, point) of the text's main-event, non-subset count
            mentions (population ``shot`` for people hit, fate unknown).

    Returns:
        (slot, value, phrase, confidence) to add as mentions: ``killed``, ``injured``,
        ``critical`` and ``other_count`` (population ``shot``, with the injured it implies).
    """
    claims = {c.slot: c for c in headline_counts(title)}
    implied = _implied_death(title, claims)
    if not claims:
        return implied
    out = _fallback(claims, text_counts) + implied
    # The title's other figures are kept too (reconcile weighs them against the text's and
    # across the event's titles: docs/reconcile.md, Counts 8); below the text's figure they
    # change nothing here.
    have = {(slot, value.population) for slot, value, _, _ in out}
    for c in claims.values():
        slot, population = ("other_count", "shot") if c.slot == "shot" else (c.slot, None)
        if (slot, population) not in have:
            out.append((slot, _value(c, population=population), c.phrase, HEADLINE_CONFIDENCE))
    return out


def _fallback(claims: dict[str, HeadlineCount], text_counts: list[tuple[str, str | None, int | None]]
              ) -> list[tuple[str, CountValue, str, float]]:
    has_killed = any(slot == "killed" for slot, _, _ in text_counts)
    has_hit = any(slot in _INJURY_SLOTS or pop == "shot" for slot, pop, _ in text_counts)
    out = []
    dead = max((p or 0 for slot, _, p in text_counts if slot == "killed"), default=0)
    hurt = max((p or 0 for slot, _, p in text_counts if slot in ("injured", "critical")), default=0)
    if "killed" in claims and (not has_killed or _above(claims["killed"], dead)):
        c = claims["killed"]
        out.append(("killed", _value(c), c.phrase, HEADLINE_CONFIDENCE))
        dead = max(dead, c.point)
    if has_hit:
        # A title that counts more than the text ("four wounded" over a text that tells of one
        # officer) sums up what a truncated or rambling text leaves scattered.
        c = claims.get("injured")
        if c is not None and _above(c, hurt):
            out.append(("injured", _value(c), c.phrase, HEADLINE_CONFIDENCE))
        return out
    for slot in ("injured", "critical"):
        if slot in claims:
            c = claims[slot]
            out.append((slot, _value(c), c.phrase, HEADLINE_CONFIDENCE))
    if "shot" in claims and "injured" not in claims and "critical" not in claims:
        c = claims["shot"]
        out.append(("other_count", _value(c, population="shot"), c.phrase, HEADLINE_CONFIDENCE))
        rest = c.point - dead
        if rest > 0 and c.qualifier == Qualifier.EXACT:
            out.append(("injured", CountValue(low=rest, high=rest, point=rest), c.phrase,
                        round(HEADLINE_CONFIDENCE * 0.7, 2)))
    return out


#: As an implied death in the text ("a fatal shooting"): someone died, how many is not said.
IMPLIED_CONFIDENCE = 0.6


def _implied_death(title: str | None, claims: dict[str, HeadlineCount]) -> list[tuple[str, CountValue, str, float]]:
    """"Boca family mourns death of son": a title that speaks of a death it does not count is
    at least one dead (a follow-up's text may never repeat it)."""
    if not title or "killed" in claims:
        return []
    g = _grammar()
    stripped = strip_site(title)
    hit = g["death"].search(stripped)
    if hit is None or g["skip"].search(stripped):
        return []
    return [("killed", CountValue(low=1, high=None, qualifier=Qualifier.AT_LEAST, point=1),
             stripped, IMPLIED_CONFIDENCE)]


def _above(c: HeadlineCount, stated: int) -> bool:
    """A headline figure in words or digits (not a lone "teen") above the text's figure."""
    return c.qualifier == Qualifier.EXACT and c.point > max(stated, 1)


def _value(c: HeadlineCount, population: str | None = None) -> CountValue:
    return CountValue(low=c.low, high=c.high, qualifier=c.qualifier, point=c.point, population=population)
