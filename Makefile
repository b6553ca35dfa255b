# Set-up is automatic: every target creates .venv if missing and installs the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: run test bench eval baseline report lint schema clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install -q -e ".[dev,dask]"
	touch $@

run: $(VENV)/.installed
	@mkdir -p out
	$(BIN)/extractor run samples -o out/events.jsonl
	@$(PY) -c "import json,collections as c; d=[json.loads(l) for l in open('out/events.jsonl')]; \
	e=[x for doc in d for x in doc['events']]; t=c.Counter(x['type'] for x in e); \
	print(f'out/events.jsonl: {len(d)} documents, {len(e)} events, ' \
	f'{sum(len(x[\"counts\"]) for x in e)} counts, {sum(len(x[\"locations\"]) for x in e)} locations, ' \
	f'{sum(len(x[\"attributions\"]) for x in e)} attributions'); print('types:', dict(t.most_common()))"

test: $(VENV)/.installed-dev
	$(PY) -m pytest -q

eval: $(VENV)/.installed
	$(BIN)/extractor eval samples

baseline: $(VENV)/.installed
	$(BIN)/extractor eval samples --json tests/eval_baseline.json

report: $(VENV)/.installed
	$(BIN)/extractor show samples -o out/report.html

bench: $(VENV)/.installed
	$(PY) bench/bench.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check extractor tests
	$(BIN)/mypy extractor

schema: $(VENV)/.installed
	$(BIN)/extractor schema

clean:
	rm -rf out build dist .pytest_cache
