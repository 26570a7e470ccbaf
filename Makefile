# dossier: `make run` opens the reader on the seed articles; `make test` runs every test.
# Both set up .venv first when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run index test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

index: install
	$(BIN)/dossier --seeds seeds --index index index

run: index
	$(BIN)/dossier --seeds seeds --index index

test: install lint
	$(BIN)/python -m pytest

# ruff (lint and format), mypy (config in pyproject.toml) and the import contracts.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python bench/run.py
	$(BIN)/python bench/dev_eval.py

clean:
	rm -rf $(VENV) index/whoosh index/dossier.json .pytest_cache .mypy_cache .ruff_cache
