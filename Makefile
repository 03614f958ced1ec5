# The two commands of the README:
#   make serve   install what the site needs, build it and serve it on http://127.0.0.1:8000/
#   make test    install what the tests need (incl. Debian's chromium) and run every test that
#                guards behavior (what CI runs)
# and the other test tiers:
#   make check      the fast tier for every edit: unit tests, doctests, build-free checks
#   make test-deep  everything make test runs, plus 1,000 generated cases per field and the
#                   slow drills (marked `deep`), for a release
# Everything is installed into ./.venv and ./node_modules from the committed pins and lock.

VENV      := .venv
PY        := $(VENV)/bin/python
PIP       := $(PY) -m pip
# The time-zone database Pyodide lacks, served by the site beside our wheel (hooks/runtime.py).
TZDATA_WHEEL := $(VENV)/wheels/tzdata-2025.3-py2.py3-none-any.whl
# openpyxl and et-xmlfile for the decision pack's workbook, served by the site (hooks/runtime.py),
# downloaded once with the hashes pinned in workbook/requirements.txt.
WORKBOOK_WHEELS := $(VENV)/wheels/.workbook
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build test check test-fast test-deep bench clean

serve: $(VENV)/.build-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json
	$(PY) -m mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.build-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json
	$(PY) -m mkdocs build --strict

# Two workers (pytest-xdist): every test that needs the built site on one, the rest beside it.
PARALLEL := -n 2 --dist loadgroup

test: $(VENV)/.test-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json system-deps
	$(PY) -m pytest $(PARALLEL)

# No build, no browser, no Node.js, no LibreOffice: needs only the Python packages.
check: $(VENV)/.test-deps node_modules/.package-lock.json
	HYPOTHESIS_CASES=25 $(PY) -m pytest $(PARALLEL) -m "not browser and not build and not node and not office and not deep"

test-fast: check

test-deep: $(VENV)/.test-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json system-deps
	PROPERTY_SCOPE=field HYPOTHESIS_CASES=1000 $(PY) -m pytest $(PARALLEL) -m ""

bench: $(VENV)/.test-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json system-deps
	$(PY) benchmarks/run.py
	$(PY) benchmarks/week_plan.py

$(VENV)/bin/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=25.1"

$(VENV)/.build-deps: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet --group build
	touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.build-deps
	$(PIP) install --quiet --group test
	touch $@

$(TZDATA_WHEEL): | $(VENV)/bin/python
	$(PIP) download --quiet --no-deps --only-binary=:all: -d $(VENV)/wheels tzdata==2025.3

$(WORKBOOK_WHEELS): workbook/requirements.txt | $(VENV)/bin/python
	$(PIP) download --quiet --no-deps --only-binary=:all: --require-hashes -r workbook/requirements.txt -d $(VENV)/wheels
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Debian packages the tests use, each installed only when its command is missing (needs
# root or sudo): the browser for Playwright, pdftotext to read the printed worksheet,
# nginx to serve the built site with deploy/nginx.conf (tests/test_nginx.py), LibreOffice
# to compute the decision pack workbook's formulas (tests/unit/test_workbook.py).
SYSTEM_PACKAGES := chromium:chromium pdftotext:poppler-utils nginx:nginx soffice:libreoffice-calc-nogui
.PHONY: system-deps
system-deps:
	@missing=""; \
	for pair in $(SYSTEM_PACKAGES); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo"; \
	  echo "Installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf site .pytest_cache .hypothesis
