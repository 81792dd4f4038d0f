# The README's two commands: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
DEMO_DB := demo/assoc-demo.db
ASSOC  := $(BIN)/assoc --db $(DEMO_DB)

.PHONY: demo test install dev lint typecheck docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

## make demo: install, build the demo association, and show a tour of it
demo: install
	@mkdir -p demo
	$(BIN)/assoc demo --db $(DEMO_DB) --replace
	$(ASSOC) info
	$(ASSOC) members stats
	$(ASSOC) offices list
	$(ASSOC) members list --tier 副会长单位 --sort strokes
	$(ASSOC) dues report --year 2022 --as-of 2022-11-30 --compare 2021
	$(ASSOC) dues unpaid --year 2022 --as-of 2022-11-30
	$(ASSOC) meetings agenda render 2

## make lint: ruff (rules and formatting) and the import contract (pyproject.toml [tool.importlinter])
lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

## make typecheck: mypy in strict mode on the package
typecheck: dev
	$(BIN)/mypy --strict src

## make test: install dev tools, lint, type-check, run the tests (what .ci/run runs)
test: dev lint typecheck
	$(BIN)/pytest

## make docs: regenerate docs/cli.md from the code
docs: install
	$(BIN)/python -m tools.cli_docs > docs/cli.md

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
