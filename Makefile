# iro-report: every target sets up what it needs. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev
CONFIG ?= config.yaml

.DEFAULT_GOAL := help
.PHONY: help setup runtime syslibs browser report validate papers sample test test-unit test-e2e install-check lint types check bench clean messages

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

# The report needs only the runtime dependencies; the test and lint tools (among them the
# browser driver) are added by the targets that use them.
$(RUNTIME): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "iro-report needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $(RUNTIME)

$(DEV): $(RUNTIME)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(DEV)

runtime: $(RUNTIME) ## Create .venv with the package and its runtime dependencies only

setup: $(DEV) ## Create .venv with the package, its runtime dependencies and the dev tools

syslibs: ## Install WeasyPrint's system libraries where we can (Debian/Ubuntu as root), else say what is needed
	@sh scripts/syslibs.sh

browser: ## Install Chromium for the accessibility test where we can (Debian/Ubuntu as root), else say so
	@sh scripts/syslibs.sh --browser

report: runtime syslibs ## Build the report for the bundled sample council into out/
	$(PY) -m report build --config $(CONFIG)

papers: runtime syslibs ## Build papers.pdf: the committee cover report with the report as Appendix A
	$(PY) -m report papers --config $(CONFIG)

validate: runtime ## Check the input data and write validation.csv
	$(PY) -m report validate --config $(CONFIG)

sample: runtime ## Regenerate data/sample/ from its seeded generator (byte-identical)
	rm -rf data/.sample.new
	$(PY) -m report init --sample data/.sample.new
	rm -rf data/sample && mv data/.sample.new data/sample

test: test-unit test-e2e ## Set up and run the tests: unit tests, then the end-to-end builds

test-unit: setup syslibs ## The unit tests (tests/unit), on every core
	$(PY) -m pytest -n auto tests/unit

test-e2e: setup syslibs browser ## The end-to-end tests (tests/e2e: real builds; the browser test needs Chromium)
	$(PY) -m pytest -n auto tests/e2e

install-check: ## pip install . into a fresh venv outside the checkout, then build the sample with it
	@sh scripts/install_check.sh

lint: setup ## ruff
	$(VENV)/bin/ruff check report tests benchmarks
	$(VENV)/bin/ruff format --check report tests benchmarks

types: setup ## mypy on report/
	$(VENV)/bin/mypy report

check: lint types test ## Lint, types and tests: what CI runs

bench: runtime syslibs ## Benchmark the build and print a table of timings
	$(PY) benchmarks/bench.py  # BENCH_PAIRS=1 BENCH_REPLICAS=0 make bench: a quick look

# The fixed text marked in report/ and templates/ (babel.cfg), merged into each catalogue
# (report/locale/<lang>/LC_MESSAGES/messages.po): new strings arrive with an empty translation.
messages: setup ## Extract the marked text (pybabel, babel.cfg) and update the Welsh catalogue
	@mkdir -p build
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k N_ -k P_:1,2 --no-location --sort-output \
	  --omit-header -o build/messages.pot .
	$(PY) scripts/update_catalogue.py build/messages.pot

clean: ## Remove outputs and caches (keeps .venv)
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
