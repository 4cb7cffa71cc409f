# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/readouts: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/readouts

venv: $(BIN)/readouts

demo: venv
	$(BIN)/readouts analyze examples/obama-putin-call-2016.txt --published 2016-01-13

test: venv
	$(BIN)/ruff check --select C901 src
	$(BIN)/pytest

quality: venv
	$(BIN)/python scripts/quality_table.py

bench: venv
	$(BIN)/python benchmarks/bench_analyze.py

.PHONY: venv demo test quality bench
