# PlanTargets — the front door. `make` lists the targets.
# Every target installs what it needs: a fresh machine needs only Python 3.11 and pip.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
JOBS   ?= 2

.DEFAULT_GOAL := help
.PHONY: help setup data reports test lint lab clean bench

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## create .venv with the project (editable), OCR and the dev tools

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v=sys.version_info; sys.exit(0 if v[:2]==(3,11) else "PlanTargets needs Python 3.11, found %d.%d (set PYTHON=/path/to/python3.11)" % v[:2])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr]'
	touch $(STAMP)

data: setup ## extract the bundled documents into data/processed (incremental)
	$(BIN)/plantargets data

reports: setup ## build the dataset and every HTML report into reports/ (the main job)
	$(BIN)/plantargets build --jobs $(JOBS)

lint: setup ## ruff (lint + format check), mypy, import layering (lint-imports), notebooks without outputs
	$(BIN)/ruff check lib tests scripts benchmarks
	$(BIN)/ruff format --check lib tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/check_notebooks.py notebooks

test: lint ## lint, then the whole test suite (notebook and build tests included)
	$(BIN)/python -m pytest -n $(JOBS) -q

lab: setup ## JupyterLab on the notebooks, with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: setup ## the performance benchmark (writes benchmarks/RESULTS.md)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/corpus_scale.py
	$(BIN)/python benchmarks/corpus_memory.py
	$(BIN)/python benchmarks/corpus_profile.py

clean: ## remove build products (processed data, reports); keeps .venv
	find data/processed -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	find reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
