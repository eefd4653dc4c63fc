# Two commands do everything on a fresh Debian/Ubuntu machine with Python >= 3.11:
#   make report   install corpuscompare and write the report on the bundled corpus (reports/wic/)
#   make test     install the test needs (Chromium and CJK fonts from apt included) and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# pip -q still prints warnings (the build backend's banner on editable installs, locations of
# the machine's index configuration): packaging, not the user's problem; errors still show
QUIET_PIP := PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --quiet

.PHONY: install install-test browser report test lint format bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(QUIET_PIP) --upgrade pip "setuptools>=82" wheel
	$(QUIET_PIP) -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(QUIET_PIP) -e ".[test]"
	touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test browser tests/browser/node_modules/.installed

# Debian's Chromium and Noto CJK fonts for the browser tests (never a browser download).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		echo "installing chromium and fonts-noto-cjk with apt-get"; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; \
	fi

# axe-core (the accessibility checker the browser tests load into each page), from the npm
# registry at the version of tests/browser/package-lock.json; Node.js and npm from apt if missing.
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		echo "installing nodejs and npm with apt-get"; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	fi
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	touch $@

report: install
	$(BIN)/corpuscompare report

test: install-test
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check corpuscompare tests bench
	$(BIN)/ruff format --check corpuscompare tests bench

format: install-test
	$(BIN)/ruff format corpuscompare tests bench
	$(BIN)/ruff check --fix corpuscompare tests bench

bench: install
	cd bench && ../$(BIN)/python bench_segment.py && ../$(BIN)/python bench_diff.py && \
		../$(BIN)/python bench_align.py && ../$(BIN)/python bench_trends.py && ../$(BIN)/python bench_report.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache bench/out test-artifacts tests/browser/node_modules
