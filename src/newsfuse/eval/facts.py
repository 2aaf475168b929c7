"""Scoring event type and claimant against gold, per article, beside two baselines.

Gold: an event's ``topic`` (its incident type: attack, bombing, kidnapping, arson, robbery...)
and ``extra.claimed_by`` (the names, aliases included, of the groups whose claim the answer key
marks; MUC-4). Both are per article in ``muc4-dev-articles``.

- **Type** is right when the article's primary type (the first of its main-event types in the
  ``primary_order`` of ``extract/data/event_types.json``) falls in the gold type's family:
  the tolerant match of the data README (attack ≈ shooting / assassination / armed attack /
  massacre ...; bombing ≈ explosion ...). The families are ``TYPE_FAMILIES`` below; a gold type
  outside them must be named exactly. MUC-4's ATTACK is every violent act that is not a bombing,
  kidnapping, arson or robbery, mortar and rocket fire on a post included: shelling and air
  strikes match it as well as bombing.
- **Claimant** is scored where the gold names one: right when a claimed (not denied, not merely
  attributed) responsibility mention of the article names one of the gold's aliases, compared
  as word sets (``FMLN GENERAL COMMAND`` matches ``FMLN``; ``the Extraditables`` matches
  ``THE EXTRADITABLES``).

Baselines, on the same articles: *constant* (type: the most common gold type; claimant: none)
and *regex* (:mod:`newsfuse.eval.baselines`). Killed and injured are scored too, per article,
with the rule of ``newsfuse eval counts`` (victims only: the MUC-4 gold counts victims).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.extract.event_type import primary_label
from newsfuse.eval.baselines import CONSTANT_COUNTS, regex_claimants, regex_counts, regex_type
from newsfuse.eval.counts import SlotScore, article_counts, gold_files
from newsfuse.model import Mention

#: Gold type → the predicted labels counted as the same kind of event.
TYPE_FAMILIES: dict[str, frozenset[str]] = {
    "attack": frozenset({
        "attack", "armed attack", "shooting", "assassination", "massacre", "mass shooting",
        "terrorist attack", "stabbing", "vehicle attack", "murder", "police shooting",
        "violence against civilians", "armed clash", "battle", "mob violence", "sexual violence",
        "murder-suicide", "accidental shooting", "shelling", "air strike",
    }),
    "bombing": frozenset({
        "bombing", "explosion", "suicide bombing", "remote explosive", "grenade attack",
        "shelling", "air strike", "explosions/remote violence",
    }),
    "kidnapping": frozenset({"kidnapping", "abduction", "hostage-taking", "forced disappearance"}),
    "arson": frozenset({"arson", "fire", "property destruction"}),
    "robbery": frozenset({"robbery", "looting"}),
}


def type_matches(predicted: str | None, gold: str) -> bool:
    """Is ``predicted`` the gold type or of its family (the tolerant match)?"""
    if not predicted:
        return False
    gold = gold.lower()
    return predicted.lower() == gold or predicted.lower() in TYPE_FAMILIES.get(gold, frozenset())


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in ("the", "of", "los"))


def claimant_matches(predicted: Sequence[str], gold: Sequence[str]) -> bool:
    """Does any predicted claimant name a gold group? Word sets: one contains the other."""
    for p in predicted:
        pw = _words(p)
        if pw and any(gw and (pw <= gw or gw <= pw) for gw in map(_words, gold)):
            return True
    return False


def primary_type(mentions: Sequence[Mention]) -> str | None:
    """The article's primary event type, as reconcile picks it for an event of one source."""
    labels = {m.value.label for m in mentions if m.slot == "event_type" and m.scope == "main"}
    return primary_label(dict.fromkeys(labels, 1))[0]


def claimants(mentions: Sequence[Mention]) -> list[str]:
    """Names (and canonical names) of the groups an article says claimed the event."""
    out = []
    for m in mentions:
        if m.slot == "responsibility" and m.value.stance == "claimed":
            out += [n for n in (m.value.claimant, m.value.canonical, m.value.parent) if n]
    return out


# --- scoring --------------------------------------------------------------------------------------


@dataclass
class Rate:
    """Right out of scored, with the misses."""

    name: str
    n: int = 0
    right: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.right / self.n if self.n else 0.0

    def add(self, item: str, ok: bool, predicted: str, gold: str) -> None:
        self.n += 1
        self.right += ok
        if not ok:
            self.misses.append((item, predicted, gold))


@dataclass
class FactsReport:
    """Count, type and claimant scores of newsfuse and of the baselines."""

    counts: dict[str, dict[str, SlotScore]]  # method → gold field → SlotScore
    rates: dict[str, dict[str, Rate]]  # method → field → Rate

    def as_dict(self) -> dict:
        return {method: {**{f: s.as_dict() for f, s in self.counts[method].items()},
                         **{f: {"n": r.n, "accuracy": round(r.rate, 4)} for f, r in self.rates[method].items()}}
                for method in self.rates}


def read_gold_articles(gold_dir: Path) -> tuple[dict[str, str], dict[str, dict]]:
    """(article id → text, article id → its gold event) of a data directory.

    Raises:
        InputError: when ``articles.jsonl`` or ``events.jsonl`` is missing.
    """
    files = gold_files(gold_dir)
    texts, article_event = {}, {}
    for row in map(json.loads, filter(str.strip, files["articles"].open(encoding="utf-8"))):
        texts[row["id"]] = row.get("text") or ""
        article_event[row["id"]] = row["event_id"]
    events = {row["event_id"]: row for row in map(json.loads, filter(str.strip, files["events"].open(encoding="utf-8")))}
    return texts, {a: events[e] for a, e in article_event.items() if e in events}


def score_facts(predictions: dict[str, list[Mention]], texts: dict[str, str],
                gold: dict[str, dict]) -> FactsReport:
    """Per article: type and claimant of newsfuse, the constant and the regex baselines."""
    topics = Counter(g.get("topic") for g in gold.values() if g.get("topic"))
    constant_type = topics.most_common(1)[0][0] if topics else None
    methods = ("newsfuse", "constant", "regex")
    rates = {m: {"type": Rate("type"), "claimant": Rate("claimant")} for m in methods}
    counts = {m: {f: SlotScore(f) for f in ("killed", "injured")} for m in methods}
    for article_id in sorted(predictions):
        g = gold.get(article_id)
        if g is None:
            continue
        mentions, text = predictions[article_id], texts.get(article_id, "")
        figures = article_counts(mentions)
        found = {"newsfuse": {f: figures[f"victims_{f}"] for f in ("killed", "injured")},
                 "constant": CONSTANT_COUNTS, "regex": regex_counts(text)}
        for method, fig in found.items():
            for f in ("killed", "injured"):
                if g.get(f) is not None:
                    counts[method][f].add(article_id, fig[f], g[f])
        if g.get("topic"):
            for method, predicted in (("newsfuse", primary_type(mentions)), ("constant", constant_type),
                                      ("regex", regex_type(text))):
                rates[method]["type"].add(article_id, type_matches(predicted, g["topic"]),
                                          str(predicted), g["topic"])
        claimed = (g.get("extra") or {}).get("claimed_by") or []
        if claimed:
            for method, names in (("newsfuse", claimants(mentions)), ("constant", []),
                                  ("regex", regex_claimants(text))):
                rates[method]["claimant"].add(article_id, claimant_matches(names, claimed),
                                              "; ".join(names) or "-", "; ".join(claimed))
    return FactsReport({m: {f: s for f, s in fs.items() if s.n} for m, fs in counts.items()},
                       {m: {f: r for f, r in fs.items() if r.n} for m, fs in rates.items()})


def format_facts(report: FactsReport, misses: int = 0) -> str:
    """The rates as a small table (methods as columns), then newsfuse's first misses."""
    methods = list(report.rates)
    fields = list(report.rates["newsfuse"]) if "newsfuse" in report.rates else []
    lines = [f"{'field':<12}{'n':>6}" + "".join(f"{m:>11}" for m in methods)]
    for f, s in report.counts["newsfuse"].items():
        lines.append(f"{f + ' exact':<12}{s.n:>6}" + "".join(
            f"{report.counts[m][f].exact_rate:>11.1%}" for m in methods))
        lines.append(f"{f + ' MAE':<12}{s.n:>6}" + "".join(
            f"{report.counts[m][f].mae:>11.3f}" for m in methods))
    for f in fields:
        n = report.rates["newsfuse"][f].n
        lines.append(f"{f:<12}{n:>6}" + "".join(f"{report.rates[m][f].rate:>11.1%}" for m in methods))
    for f in fields:
        for item, predicted, gold in report.rates["newsfuse"][f].misses[:misses]:
            lines.append(f"miss {f} {item}: predicted {predicted}, gold {gold}")
    return "\n".join(lines)
