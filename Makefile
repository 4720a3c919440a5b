# The README's two commands: `make demo` and `make test`. Both set everything up from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench system clean services

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian packages: Chromium and a CJK font for rendering and screenshots, Redis and PostgreSQL for
# the distributed and database tests. Installed only when missing and when we may (root + apt).
system:
	@bash scripts/system-deps.sh

services: system
	@bash scripts/services.sh

demo: system $(STAMP)
	$(BIN)/python -m govcrawl.devtools.demo

lint: $(STAMP)
	$(BIN)/ruff check govcrawl tests
	$(BIN)/mypy

test: services $(STAMP) lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: system $(STAMP)
	$(BIN)/python -m govcrawl.devtools.bench

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache
