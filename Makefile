# The single place the project's commands live. README and .ci/run call these targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STUDY := $(VENV)/bin/study
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: setup run ingest serve test lint typecheck unit browser-deps smoke-eval eval bench clean env-example

## setup: create .venv and install the project with its dev tools (CPU torch from the local wheel)
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

## run: set up, ingest knowledge/ and the shared corpus (../shared/corpus or STUDY_CORPUS_DIRS; incremental)
## and serve the API + widget on http://$(HOST):$(PORT)/
run: setup ingest serve

ingest: setup
	$(STUDY) ingest knowledge

serve: setup
	$(STUDY) serve --host $(HOST) --port $(PORT)

## browser-deps: Debian's chromium for the widget's browser test (no browser download), plus a small CJK
## font so the test's screenshots show Chinese text instead of empty boxes
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else echo "chromium or a CJK font missing: install Debian's chromium and fonts-wqy-microhei packages" >&2; fi; }

lint: setup
	$(VENV)/bin/ruff check service tests bench eval
	$(VENV)/bin/ruff format --check service tests bench eval

typecheck: setup
	$(VENV)/bin/mypy

unit: setup
	$(PY) -m pytest -q -m "not slow and not browser and not server"

## test: set up and run everything CI runs: lint, types, all tests (incl. real models, browser, Chroma server) and the smoke eval
test: setup browser-deps
	$(VENV)/bin/ruff check service tests bench eval
	$(VENV)/bin/ruff format --check service tests bench eval
	$(VENV)/bin/mypy
	$(PY) -m pytest -q
	$(MAKE) smoke-eval

smoke-eval: setup
	$(STUDY) eval run --dataset eval/datasets/smoke --out eval/reports/smoke --fail-on-regression eval/baselines/smoke.json

## eval: dev set and LeCoQA-train with the default configuration, then the retrieval-configuration comparison
LECOQA ?= ../shared/eval-data/lecoqa-train
EVAL_CONFIGS ?= default,lexical,dense,weighted-0.3,weighted-0.5,weighted-0.7,rrf,use
eval: setup
	$(STUDY) eval run --dataset eval/datasets/dev --out eval/reports/dev
	$(STUDY) eval run --dataset $(LECOQA) --out eval/reports/lecoqa
	$(STUDY) eval compare --dataset eval/datasets/dev --configs $(EVAL_CONFIGS) --out eval/reports/compare-dev

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf data eval/reports eval/cache .pytest_cache .mypy_cache .ruff_cache

## env-example: regenerate .env.example from service/config.py (a unit test checks they match)
env-example: setup
	$(PY) -c "from service.config import env_example; open('.env.example', 'w', encoding='utf-8').write(env_example())"
