"""Scoring counts against gold: exact-match accuracy, ±1 accuracy, mean absolute error.

Two inputs, two units:

- A brief JSON (``newsfuse brief -f json``, a :class:`~newsfuse.model.Report`): what the product
  says. Each event's figure is its reconciled fact, ``events[].facts.<slot>.best`` (no fact: 0).
  Each brief event is matched to the gold event most of its articles belong to (exact with
  ``--group-by event_id``; with clustering, a gold event claimed by several brief events is scored
  on the one holding most of its articles).
- The JSONL of ``newsfuse extract --format jsonl``: per article. The article's figure comes from
  its mentions (:func:`article_counts`): the largest stated main-event, non-subset, non-vague
  figure per slot (``point``: 40 for "at least 40"); the injured add those in critical condition,
  or, with no injured figure, are the hospitalized minus the killed; 0 when none is stated. For
  multi-article gold (GVC, GVA) the extraction-only event figure is the largest of its articles'
  figures (a baseline, not what the product says).

Gold variants. The Gun Violence Archive (GVC, GVA) counts shooters in ``killed``/``injured``;
``victims_killed``/``victims_injured`` leave them out. ``killed`` is scored against the fact's
``best``; ``victims_killed`` against ``facts.killed.value["victims"]`` when reconcile added
attackers reported apart, else against ``best`` too (a count of "people" does not say who was
an attacker). Gold that never lists a killed or injured suspect (GVDB) counts victims only: there
``killed``/``injured`` are compared with the victims-only figures. Gold nulls are left out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.model import Mention
from newsfuse.reconcile.titles import split_title_context

#: The gold fields scored, in print order.
GOLD_FIELDS = ("killed", "victims_killed", "injured", "victims_injured", "arrested")
#: Gold field → the fact slot it is read from.
FACT_SLOT = {"killed": "killed", "victims_killed": "killed", "injured": "injured",
             "victims_injured": "injured", "arrested": "arrested"}


@dataclass
class Miss:
    """One wrong figure, with what the output cited for it."""

    id: str
    predicted: int
    gold: int
    quotes: list[str] = field(default_factory=list)


@dataclass
class SlotScore:
    """Scores of one gold field."""

    field: str
    n: int = 0
    exact: int = 0
    within_one: int = 0
    abs_error: int = 0
    errors: list[Miss] = field(default_factory=list)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.n if self.n else 0.0

    @property
    def within_one_rate(self) -> float:
        return self.within_one / self.n if self.n else 0.0

    @property
    def mae(self) -> float:
        return self.abs_error / self.n if self.n else 0.0

    def add(self, item_id: str, predicted: int, gold: int, quotes: Sequence[str] = ()) -> None:
        diff = abs(predicted - gold)
        self.n += 1
        self.exact += diff == 0
        self.within_one += diff <= 1
        self.abs_error += diff
        if diff:
            self.errors.append(Miss(item_id, predicted, gold, list(quotes)))

    def worst(self, n: int) -> list[Miss]:
        """The ``n`` largest misses, largest first."""
        return sorted(self.errors, key=lambda e: (-abs(e.predicted - e.gold), e.id))[:n]

    def as_dict(self) -> dict:
        return {"field": self.field, "n": self.n, "exact": round(self.exact_rate, 4),
                "within_one": round(self.within_one_rate, 4), "mae": round(self.mae, 4)}


@dataclass
class CountsReport:
    """All scores for one output against one gold directory."""

    unit: str  # "article" or "event"
    scores: dict[str, SlotScore]
    variants: bool  # gold distinguishes killed (all) from victims_killed
    scored: str = ""  # which figure was scored, in words

    def as_dict(self) -> dict:
        return {"unit": self.unit, "scored": self.scored,
                "scores": {k: v.as_dict() for k, v in self.scores.items()}}


@dataclass
class Prediction:
    """One output item's figures (an article's, or a brief event's) and their evidence."""

    article_ids: list[str]
    figures: dict[str, int]
    quotes: dict[str, list[str]] = field(default_factory=dict)


# --- extract JSONL: per article -------------------------------------------------------------------


def _main(mentions: Iterable[Mention], slot: str, who: set[str]) -> list[Mention]:
    out = []
    for m in mentions:
        v = m.value
        if m.slot != slot or m.scope != "main" or getattr(v, "kind", None) != "count":
            continue
        if v.subset_of or v.qualifier == "vague" or v.point is None or v.who not in who:
            continue
        out.append(m)
    return out


def _largest(found: list[Mention]) -> int:
    return max((m.value.point for m in found), default=0)


def article_counts(mentions: Sequence[Mention]) -> dict[str, int]:
    """One article's figure per gold field, by the rule in the module docstring."""
    return _article_prediction(mentions).figures


def _article_prediction(mentions: Sequence[Mention]) -> Prediction:
    # Title figures that are not claims of their article (below the text's) are context only.
    mentions, _ = split_title_context(mentions)
    victims = {"victims", "all"}
    killed = _main(mentions, "killed", victims)
    attackers_killed = _main(mentions, "killed", {"attackers"})
    injured = _main(mentions, "injured", victims) + _main(mentions, "critical", victims)
    victims_killed = _largest(killed)
    if injured:
        victims_injured = _largest(injured)
    else:
        injured = _main(mentions, "hospitalized", victims)
        victims_injured = max(_largest(injured) - victims_killed, 0)
    attackers_injured = _main(mentions, "injured", {"attackers"})
    arrested = _main(mentions, "arrested", {"victims", "attackers", "all"})
    quote = lambda ms: [m.evidence.text for m in ms]  # noqa: E731
    return Prediction(
        article_ids=[],
        figures={
            "killed": victims_killed + _largest(attackers_killed),
            "victims_killed": victims_killed,
            "injured": victims_injured + _largest(attackers_injured),
            "victims_injured": victims_injured,
            "arrested": _largest(arrested),
        },
        quotes={"killed": quote(killed + attackers_killed), "victims_killed": quote(killed),
                "injured": quote(injured + attackers_injured), "victims_injured": quote(injured),
                "arrested": quote(arrested)},
    )


# --- brief JSON: per event, the reconciled facts --------------------------------------------------


def brief_predictions(report: dict) -> dict[str, Prediction]:
    """Brief event id → its reconciled figures, from a parsed brief JSON.

    Raises:
        KeyError, TypeError: when ``report`` is not shaped like a Report.
    """
    out: dict[str, Prediction] = {}
    for event in report["events"]:
        facts = event.get("facts") or {}
        figures: dict[str, int] = {}
        quotes: dict[str, list[str]] = {}
        for gold_field, slot in FACT_SLOT.items():
            fact = facts.get(slot) or {}
            best = fact.get("best")
            value = fact.get("value") or {}
            if gold_field.startswith("victims_") and isinstance(value.get("victims"), int):
                best = value["victims"]
            figures[gold_field] = best if isinstance(best, int) else 0
            quotes[gold_field] = [m["quote"] for m in fact.get("mentions", [])]
            quotes[gold_field] += [f"(conflicting) {m['quote']}" for m in fact.get("conflicting", [])]
        out[event["id"]] = Prediction(list(event["article_ids"]), figures, quotes)
    return out


# --- reading --------------------------------------------------------------------------------------


def read_predictions(path: Path) -> dict[str, list[Mention]]:
    """Article id → its mentions, from a brief JSON or an ``extract --format jsonl`` file.

    Raises:
        InputError: when the file is missing or is neither format.
    """
    kind, data = _read(path)
    if kind == "extract":
        return data
    by_article: dict[str, list[Mention]] = {}
    try:
        for event in data["events"]:
            for article_id in event["article_ids"]:
                by_article.setdefault(article_id, [])
            for m in event.get("mentions", []):
                by_article.setdefault(m["article_id"], []).append(Mention.model_validate(m))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: not a brief JSON nor extract JSONL ({exc}).") from exc
    return by_article


def _read(path: Path) -> tuple[str, object]:
    """("extract", article id → mentions) or ("brief", the parsed Report JSON)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file (expected a brief JSON or extract JSONL).")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".jsonl" or text.lstrip().startswith('{"article_id"'):
            by_article: dict[str, list[Mention]] = {}
            for line in text.splitlines():
                if line.strip():
                    row = json.loads(line)
                    by_article[row["article_id"]] = [Mention.model_validate(m) for m in row.get("mentions", [])]
            return "extract", by_article
        report = json.loads(text)
        if not isinstance(report, dict) or not isinstance(report.get("events"), list):
            raise TypeError("no events list")
        return "brief", report
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: not a brief JSON nor extract JSONL ({exc}).") from exc


def gold_files(gold_dir: Path) -> dict[str, Path]:
    """``articles.jsonl`` and ``events.jsonl`` of a data directory.

    Raises:
        InputError: when either is missing.
    """
    files = {name: gold_dir / f"{name}.jsonl" for name in ("articles", "events")}
    for name, file in files.items():
        if not file.is_file():
            raise InputError(f"{gold_dir}: no {name}.jsonl (expected a data directory with gold).")
    return files


def read_gold(gold_dir: Path) -> tuple[dict[str, str], dict[str, dict]]:
    """(article id → event id, event id → gold event) of a data directory.

    Raises:
        InputError: when ``articles.jsonl`` or ``events.jsonl`` is missing.
    """
    files = gold_files(gold_dir)
    with files["articles"].open(encoding="utf-8") as fh:
        article_event = {row["id"]: row["event_id"] for row in map(json.loads, filter(str.strip, fh))}
    with files["events"].open(encoding="utf-8") as fh:
        events = {row["event_id"]: row for row in map(json.loads, filter(str.strip, fh))}
    return article_event, events


# --- scoring --------------------------------------------------------------------------------------


def _gold_traits(events: dict[str, dict]) -> tuple[bool, bool]:
    """(gold has distinct victims_* variants, gold killed/injured count suspects)."""
    variants = any(
        e.get("killed") != e.get("victims_killed") or e.get("injured") != e.get("victims_injured")
        for e in events.values() if e.get("victims_killed") is not None
    )
    counts_suspects = any(
        p.get("role") == "suspect" and set(p.get("status") or []) & {"killed", "injured"}
        for e in events.values() for p in e.get("participants") or []
    )
    return variants, counts_suspects


def score_items(items: dict[str, Prediction], events: dict[str, dict], unit: str,
                scored: str = "") -> CountsReport:
    """Score predictions already matched to gold: gold event id → Prediction.

    Args:
        items: gold event id → the prediction standing for it.
        events: gold event id → gold event.
        unit: "article" or "event" (shown in the report).
        scored: which figure was scored, in words.

    Returns:
        Per gold field: exact-match and ±1 rates, mean absolute error and the misses.
    """
    variants, counts_suspects = _gold_traits(events)
    scores = {f: SlotScore(f) for f in GOLD_FIELDS}
    for event_id, pred in sorted(items.items()):
        gold = events.get(event_id)
        if gold is None:
            continue
        for f in GOLD_FIELDS:
            if gold.get(f) is None:
                continue
            source = f if counts_suspects or f not in ("killed", "injured") else f"victims_{f}"
            scores[f].add(event_id, pred.figures[source], gold[f], pred.quotes.get(source, []))
    if not variants:
        scores.pop("victims_killed"), scores.pop("victims_injured")
    scores = {k: v for k, v in scores.items() if v.n}
    return CountsReport(unit=unit, scores=scores, variants=variants, scored=scored)


def score(predictions: dict[str, list[Mention]], article_event: dict[str, str],
          events: dict[str, dict]) -> CountsReport:
    """Score extracted mentions (article id → mentions) against gold, article by article.

    Per article when every gold event has one article (gvdb); else per event, an event's
    figure being the largest of its articles' (the extraction-only baseline).
    """
    by_event: dict[str, list[Prediction]] = {}
    for article_id, ms in predictions.items():
        if article_id in article_event:
            pred = _article_prediction(ms)
            pred.article_ids = [article_id]
            by_event.setdefault(article_event[article_id], []).append(pred)
    unit = "article" if all(len(e.get("article_ids", [])) <= 1 for e in events.values()) else "event"
    items = {}
    for event_id, preds in by_event.items():
        figures = {f: max(p.figures[f] for p in preds) for f in GOLD_FIELDS}
        quotes = {f: [q for p in preds if p.figures[f] == figures[f] for q in p.quotes[f]] for f in GOLD_FIELDS}
        items[event_id] = Prediction([a for p in preds for a in p.article_ids], figures, quotes)
    scored = "extracted mentions: largest figure per article" + (
        "" if unit == "article" else ", largest over the event's articles (baseline)")
    return score_items(items, events, unit, scored)


def score_brief(report: dict, article_event: dict[str, str], events: dict[str, dict]) -> CountsReport:
    """Score a brief's reconciled facts per event (see the module docstring)."""
    by_gold: dict[str, Prediction] = {}
    held: dict[str, int] = {}
    for pred in brief_predictions(report).values():
        golds = Counter(article_event[a] for a in pred.article_ids if a in article_event)
        if not golds:
            continue
        gold_id, n = golds.most_common(1)[0]
        if n > held.get(gold_id, 0):
            by_gold[gold_id], held[gold_id] = pred, n
    scored = ("reconciled facts: events[].facts.<slot>.best; victims_* from "
              "facts.<slot>.value.victims when attackers were added apart, else best")
    return score_items(by_gold, events, "event", scored)


def evaluate(output: Path, gold_dir: Path) -> CountsReport:
    """Read ``output`` (brief JSON or extract JSONL) and score it against ``gold_dir``.

    Raises:
        InputError: unreadable output or gold, or no article of the output in the gold.
    """
    kind, data = _read(output)
    article_event, events = read_gold(gold_dir)
    if kind == "extract":
        if not any(a in article_event for a in data):
            raise InputError(f"{output}: none of its articles is in {gold_dir}/articles.jsonl.")
        return score(data, article_event, events)
    try:
        ids = {a for e in data["events"] for a in e["article_ids"]}
        if not ids & article_event.keys():
            raise InputError(f"{output}: none of its articles is in {gold_dir}/articles.jsonl.")
        return score_brief(data, article_event, events)
    except (KeyError, TypeError) as exc:
        raise InputError(f"{output}: not a brief JSON nor extract JSONL ({exc}).") from exc


def format_report(report: CountsReport, title: str = "") -> str:
    """The scores as a small plain-text table."""
    lines = [f"{title} (per {report.unit})".strip()]
    if report.scored:
        lines.append(f"scored: {report.scored}")
    lines.append(f"{'field':<16}{'n':>6}{'exact':>9}{'±1':>9}{'MAE':>8}")
    for s in report.scores.values():
        lines.append(f"{s.field:<16}{s.n:>6}{s.exact_rate:>9.1%}{s.within_one_rate:>9.1%}{s.mae:>8.3f}")
    return "\n".join(lines)


def format_misses(report: CountsReport, n: int) -> str:
    """The ``n`` worst misses of each field with the evidence quotes the output gave."""
    lines = []
    for s in report.scores.values():
        for miss in s.worst(n):
            lines.append(f"miss {s.field} {miss.id}: predicted {miss.predicted}, gold {miss.gold}")
            lines.extend(f"    | {' '.join(q.split())[:160]}" for q in miss.quotes[:6])
            if not miss.quotes:
                lines.append("    | (no evidence: no figure stated)")
    return "\n".join(lines)
