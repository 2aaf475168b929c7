"""Reconcile's fitted numbers: one validated, injectable ReconcileParams (reconcile/params.py)."""

from __future__ import annotations

import json
import shutil

import pytest

from newsfuse.errors import ConfigError
from newsfuse.model import Article, CountValue, Event, Mention, Span
from newsfuse.reconcile import chooser, load_params, reconcile_event
from newsfuse.reconcile.params import DATA_DIR, ChooserParams, ConfidenceParams, active_params


def _killed(article: str, n: int) -> Mention:
    return Mention(id=f"{article}:1", article_id=article, slot="killed",
                   value=CountValue(low=n, high=n, point=n),
                   evidence=Span(start=0, end=9, text=f"{n} killed"))


EVENT = Event(id="e", article_ids=["a", "b"])
ARTICLES = [Article(id=i, text="3 killed in a fire.", source=f"{i}.example") for i in "ab"]
MENTIONS = [_killed("a", 3), _killed("b", 3)]


def test_the_shipped_parameters_load_and_validate():
    params = load_params()
    assert params.chooser.weights_for(chooser.FEATURES), "the chooser is fitted"
    assert params.confidence.platt["default"] == (1.0, 0.0)
    assert params.slots["lead_chars"] > 0
    assert load_params(DATA_DIR) == params


def test_injected_parameters_are_used_and_do_not_leak():
    fitted = reconcile_event(EVENT, ARTICLES, MENTIONS)["killed"]
    seen: list[str] = []
    raw = load_params().replace(
        confidence=ConfidenceParams(**{**load_params().confidence.table,
                                       "platt": {"default": (1.0, 0.0)}}),
        on_candidates=lambda slot, values, rows: seen.append(slot))
    injected = reconcile_event(EVENT, ARTICLES, MENTIONS, params=raw)["killed"]
    assert injected.best == fitted.best == 3
    assert injected.confidence != fitted.confidence, "the Platt scaling was switched off"
    assert "killed" in seen, "the fit hook saw the chooser's candidates"
    assert active_params() is load_params(), "the call's parameters end with the call"
    assert reconcile_event(EVENT, ARTICLES, MENTIONS)["killed"].confidence == fitted.confidence


def test_no_module_level_hook_to_patch():
    assert not hasattr(chooser, "recorder")


def test_weights_fitted_on_other_features_are_stale():
    stale = ChooserParams(features=("rule", "zero"), weights={"killed": (1.0, 0.0)})
    assert stale.weights_for(chooser.FEATURES) is None


@pytest.mark.parametrize("change, message", [
    (lambda d: d["confidence"].update(hedge_factor=1.5), "hedge_factor"),
    (lambda d: d["confidence"]["platt"].pop("default"), "default"),
    (lambda d: d["chooser"]["weights"].update(killed=[1.0]), "chooser weights"),
    (lambda d: d["slots"].pop("lead_chars"), "lead_chars"),
])
def test_bad_values_are_config_errors_naming_them(tmp_path, change, message):
    data = {n: json.loads((DATA_DIR / f"{n}.json").read_text()) for n in ("chooser", "confidence", "slots")}
    change(data)
    for name, doc in data.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(doc))
    with pytest.raises(ConfigError, match=message):
        load_params(tmp_path)


def test_a_missing_or_broken_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_params(tmp_path)
    for name in ("chooser", "confidence", "slots"):
        shutil.copy(DATA_DIR / f"{name}.json", tmp_path)
    (tmp_path / "slots.json").write_text("{not json")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_params(tmp_path)
