# Two commands for users: `make run` and `make test`. Everything installs into .venv.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
# pytest workers for `make test` and sqlfluff processes for `make lint`.
TEST_WORKERS ?= 2

.PHONY: install run refresh explore test test-all lint bench faults clean browser-deps

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the project with its dev tools

# `run` blocks on the explorer; Ctrl+C stops it and pcc exits 0, so make reports no error.
run: install  ## refresh the warehouse from data/raw and open the explorer (PORT=8501)
	$(BIN)/pcc refresh
	$(BIN)/pcc explore --port $(PORT)

refresh: install
	$(BIN)/pcc refresh

explore: install
	$(BIN)/pcc explore --port $(PORT)

lint: install  ## ruff for Python, sqlfluff for the dbt models
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models dbt_project --dialect duckdb --processes $(TEST_WORKERS)

# Installs only what is missing; needs root only then (CI runs as root). Elsewhere it says how
# and carries on: the browser test skips itself outside CI.
browser-deps:  ## Chromium + chromedriver for the explorer's browser tests (Debian packages)
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "browser-deps: chromium and chromedriver present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq chromium chromium-driver; \
	else \
		echo "browser-deps: as root, run: apt-get install chromium chromium-driver" >&2; \
		test -z "$$CI"; \
	fi

# `make test` runs every test but those marked `heavy` (each builds its own warehouse, pack or
# data set), in TEST_WORKERS processes; the sample warehouse is built once and shared.
# `make test-all` (and CI: .ci/run sets TEST_SCOPE=all) runs every test.
TEST_SCOPE ?= quick
TEST_SELECT := $(if $(filter all,$(TEST_SCOPE)),,-m "not heavy")

test: install lint browser-deps  ## the suite without the heavy tests (CI runs them too)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(TEST_SELECT)

test-all:  ## every test, heavy ones included (what CI runs)
	$(MAKE) test TEST_SCOPE=all

# Not part of `make test`. Scale the national run down with NATIONAL_ARGS="--forces 5 --years 2".
NATIONAL_ARGS ?=
FAULTS_ARGS ?=

BENCH_RESULTS := target/bench/results.jsonl

bench: install  ## benchmarks, each target met or missed: Kent refresh, ingest, national scale, test suite
	@rm -f $(BENCH_RESULTS)
	PCC_BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python bench/refresh_kent.py
	PCC_BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python bench/ingest_throughput.py
	PCC_BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python bench/national.py $(NATIONAL_ARGS)
	PCC_BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python bench/test_suite.py --workers $(TEST_WORKERS)
	PCC_BENCH_RESULTS=$(BENCH_RESULTS) $(BIN)/python bench/summary.py

faults: install  ## kill -9 `pcc refresh` 20 times; check warehouse, landing store, recovery
	$(BIN)/python bench/faults.py $(FAULTS_ARGS)

clean:
	rm -rf target logs data/build .pytest_cache
