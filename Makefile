# iro-report: every target sets up what it needs. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CONFIG ?= config.yaml

.DEFAULT_GOAL := help
.PHONY: help setup syslibs browser report validate papers sample test lint types check bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "iro-report needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the package with its pinned dependencies

syslibs: ## Install WeasyPrint's system libraries where we can (Debian/Ubuntu as root), else say what is needed
	@sh scripts/syslibs.sh

browser: ## Install Chromium for the accessibility test where we can (Debian/Ubuntu as root), else say so
	@sh scripts/syslibs.sh --browser

report: setup syslibs ## Build the report for the bundled sample council into out/
	$(PY) -m report build --config $(CONFIG)

papers: setup syslibs ## Build papers.pdf: the committee cover report with the report as Appendix A
	$(PY) -m report papers --config $(CONFIG)

validate: setup ## Check the input data and write validation.csv
	$(PY) -m report validate --config $(CONFIG)

sample: setup ## Regenerate data/sample/ from its seeded generator (byte-identical)
	rm -rf data/.sample.new
	$(PY) -m report init --sample data/.sample.new
	rm -rf data/sample && mv data/.sample.new data/sample

test: setup syslibs browser ## Set up and run the test suite (the browser test needs Chromium)
	$(PY) -m pytest

lint: setup ## ruff
	$(VENV)/bin/ruff check report tests benchmarks
	$(VENV)/bin/ruff format --check report tests benchmarks

types: setup ## mypy on report/
	$(VENV)/bin/mypy report

check: lint types test ## Lint, types and tests: what CI runs

bench: setup syslibs ## Benchmark the build and print a table of timings
	$(PY) benchmarks/bench.py

clean: ## Remove outputs and caches (keeps .venv)
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
