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

# Lint runs beside the tests, not before them: it is mostly mypy on one core, and the tests
# leave a core idle at times (waiting on terminals, a browser, a killed writer). Its report
# is printed after the tests'; either failing fails `make test`. Bytecode is cached even where
# the environment turns that off (PYTHONDONTWRITEBYTECODE): else each test worker compiles and
# rewrites every test module again, and each `dossier` the tests start compiles the package.
test: install
	@log=$$(mktemp); $(MAKE) --no-print-directory lint >$$log 2>&1 & lint=$$!; \
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest; tests=$$?; \
	wait $$lint; linted=$$?; cat $$log; rm -f $$log; \
	if [ $$linted -ne 0 ]; then echo "make test: lint failed (above)"; fi; \
	[ $$linted -eq 0 ] && [ $$tests -eq 0 ]

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
	$(BIN)/python bench/conll_dossier.py ../shared/corpora/conll2003/test.txt --json > bench/results/conll_dossier.json

clean:
	rm -rf $(VENV) index/whoosh index/dossier.json .pytest_cache .mypy_cache .ruff_cache
