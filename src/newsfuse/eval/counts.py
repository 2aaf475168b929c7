"""Scoring extracted counts against gold: exact-match accuracy, ±1 accuracy, mean absolute error.

Input is either a brief JSON (a :class:`~newsfuse.model.Report`: every event carries its
mentions) or the JSONL of ``newsfuse extract --format jsonl`` (one article per line). Gold is a
data directory in the uniform format (``articles.jsonl`` + ``events.jsonl``).

The article's figure, from its mentions (:func:`article_counts`), by one documented rule:

- only mentions about the main event (``scope == "main"``), not subsets ("including five
  children"), not vague ("dozens"); the figure is the stated number (``point``: 40 for "at least
  40"), the largest such figure per slot;
- ``victims_killed``: killed mentions not about the attackers; ``killed``: that plus the attackers
  killed ("the gunman took his own life"), the way the Gun Violence Archive counts. Gold whose
  participants never list a killed or injured suspect (GVDB) counts victims: there ``killed`` and
  ``injured`` are compared with the victims-only figures;
- ``injured`` likewise (including injuries derived from "shot" minus killed, and people in
  critical condition); when an article gives no injured figure but a hospitalized one, the
  hospitalized not killed are its injured (GVDB counts hospitalized as injured unless killed);
- an article that reports the event and states no figure for a slot counts 0 for it.

An event's figure (gvc-train, gva-dev: several articles per event) is the largest of its
articles' figures: the simplest honest rule, the same as the placeholder reconciliation, until
reconciliation lands. Events and articles whose gold is null are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.model import Mention

#: Gold field → how the prediction is made (see the module docstring).
GOLD_FIELDS = ("killed", "victims_killed", "injured", "victims_injured", "arrested")


@dataclass
class SlotScore:
    """Scores of one gold field."""

    field: str
    n: int = 0
    exact: int = 0
    within_one: int = 0
    abs_error: int = 0
    errors: list[tuple[str, int, int]] = field(default_factory=list)  # (id, predicted, gold)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.n if self.n else 0.0

    @property
    def within_one_rate(self) -> float:
        return self.within_one / self.n if self.n else 0.0

    @property
    def mae(self) -> float:
        return self.abs_error / self.n if self.n else 0.0

    def as_dict(self) -> dict:
        return {"field": self.field, "n": self.n, "exact": round(self.exact_rate, 4),
                "within_one": round(self.within_one_rate, 4), "mae": round(self.mae, 4)}


@dataclass
class CountsReport:
    """All scores for one output against one gold directory."""

    unit: str  # "article" or "event"
    scores: dict[str, SlotScore]
    variants: bool  # gold distinguishes killed (all) from victims_killed

    def as_dict(self) -> dict:
        return {"unit": self.unit, "scores": {k: v.as_dict() for k, v in self.scores.items()}}


def _main_points(mentions: Iterable[Mention], slot: str, who: set[str]) -> list[int]:
    out = []
    for m in mentions:
        v = m.value
        if m.slot != slot or m.scope != "main" or getattr(v, "kind", None) != "count":
            continue
        if v.subset_of or v.qualifier == "vague" or v.point is None or v.who not in who:
            continue
        out.append(v.point)
    return out


def article_counts(mentions: Sequence[Mention]) -> dict[str, int]:
    """One article's figure per gold field, by the rule in the module docstring."""
    victims_killed = max(_main_points(mentions, "killed", {"victims", "all"}), default=0)
    attackers_killed = max(_main_points(mentions, "killed", {"attackers"}), default=0)
    injured = _main_points(mentions, "injured", {"victims", "all"})
    injured += _main_points(mentions, "critical", {"victims", "all"})
    if injured:
        victims_injured = max(injured)
    else:
        hospitalized = max(_main_points(mentions, "hospitalized", {"victims", "all"}), default=0)
        victims_injured = max(hospitalized - victims_killed, 0)
    attackers_injured = max(_main_points(mentions, "injured", {"attackers"}), default=0)
    return {
        "killed": victims_killed + attackers_killed,
        "victims_killed": victims_killed,
        "injured": victims_injured + attackers_injured,
        "victims_injured": victims_injured,
        "arrested": max(_main_points(mentions, "arrested", {"victims", "attackers", "all"}), default=0),
    }


def read_predictions(path: Path) -> dict[str, list[Mention]]:
    """Article id → its mentions, from a brief JSON or an ``extract --format jsonl`` file.

    Raises:
        InputError: when the file is missing or is neither format.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file (expected a brief JSON or extract JSONL).")
    text = path.read_text(encoding="utf-8")
    by_article: dict[str, list[Mention]] = {}
    try:
        if path.suffix == ".jsonl" or text.lstrip().startswith('{"article_id"'):
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                by_article[row["article_id"]] = [Mention.model_validate(m) for m in row.get("mentions", [])]
            return by_article
        report = json.loads(text)
        for event in report["events"]:
            for article_id in event["article_ids"]:
                by_article.setdefault(article_id, [])
            for m in event.get("mentions", []):
                by_article.setdefault(m["article_id"], []).append(Mention.model_validate(m))
        return by_article
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: not a brief JSON nor extract JSONL ({exc}).") from exc


def read_gold(gold_dir: Path) -> tuple[dict[str, str], dict[str, dict]]:
    """(article id → event id, event id → gold event) of a data directory.

    Raises:
        InputError: when ``articles.jsonl`` or ``events.jsonl`` is missing.
    """
    files = {name: gold_dir / f"{name}.jsonl" for name in ("articles", "events")}
    for name, file in files.items():
        if not file.is_file():
            raise InputError(f"{gold_dir}: no {name}.jsonl (expected a data directory with gold).")
    with files["articles"].open(encoding="utf-8") as fh:
        article_event = {row["id"]: row["event_id"] for row in map(json.loads, filter(str.strip, fh))}
    with files["events"].open(encoding="utf-8") as fh:
        events = {row["event_id"]: row for row in map(json.loads, filter(str.strip, fh))}
    return article_event, events


def score(predictions: dict[str, list[Mention]], article_event: dict[str, str],
          events: dict[str, dict]) -> CountsReport:
    """Score predicted mentions against gold events.

    Args:
        predictions: article id → mentions (articles absent here are not scored).
        article_event: article id → gold event id.
        events: gold event id → gold event.

    Returns:
        Per gold field, the exact-match and ±1 rates and the mean absolute error, per article
        when every event has one article (gvdb), else per event.
    """
    per_article = {a: article_counts(ms) for a, ms in predictions.items() if a in article_event}
    by_event: dict[str, list[dict[str, int]]] = {}
    for article_id, counts in per_article.items():
        by_event.setdefault(article_event[article_id], []).append(counts)
    unit = "article" if all(len(e.get("article_ids", [])) <= 1 for e in events.values()) else "event"
    variants = any(
        e.get("killed") != e.get("victims_killed") or e.get("injured") != e.get("victims_injured")
        for e in events.values() if e.get("victims_killed") is not None
    )
    # Does gold `killed` count shooters (GVA) or victims only (GVDB)? Ask the participants.
    counts_suspects = any(
        p.get("role") == "suspect" and set(p.get("status") or []) & {"killed", "injured"}
        for e in events.values() for p in e.get("participants") or []
    )
    scores = {f: SlotScore(f) for f in GOLD_FIELDS}
    for event_id, counts in sorted(by_event.items()):
        gold = events.get(event_id)
        if gold is None:
            continue
        for f in GOLD_FIELDS:
            if gold.get(f) is None:
                continue
            source = f if counts_suspects or f not in ("killed", "injured") else f"victims_{f}"
            predicted = max(c[source] for c in counts)
            s = scores[f]
            s.n += 1
            diff = abs(predicted - gold[f])
            s.exact += diff == 0
            s.within_one += diff <= 1
            s.abs_error += diff
            if diff:
                s.errors.append((event_id, predicted, gold[f]))
    if not variants:
        scores.pop("victims_killed"), scores.pop("victims_injured")
    scores = {k: v for k, v in scores.items() if v.n}
    return CountsReport(unit=unit, scores=scores, variants=variants)


def evaluate(output: Path, gold_dir: Path) -> CountsReport:
    """Read ``output`` (brief JSON or extract JSONL) and score it against ``gold_dir``."""
    predictions = read_predictions(output)
    article_event, events = read_gold(gold_dir)
    if not any(a in article_event for a in predictions):
        raise InputError(f"{output}: none of its articles is in {gold_dir}/articles.jsonl.")
    return score(predictions, article_event, events)


def format_report(report: CountsReport, title: str = "") -> str:
    """The scores as a small plain-text table."""
    lines = [f"{title} (per {report.unit})".strip(),
             f"{'field':<16}{'n':>6}{'exact':>9}{'±1':>9}{'MAE':>8}"]
    for s in report.scores.values():
        lines.append(f"{s.field:<16}{s.n:>6}{s.exact_rate:>9.1%}{s.within_one_rate:>9.1%}{s.mae:>8.3f}")
    return "\n".join(lines)
