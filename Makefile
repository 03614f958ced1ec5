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

# The tests that need the built site (browser, build and Node.js tests) run in two pytest-xdist
# workers, one a core, each building and serving the site for itself (the site is built for the
# port it is served on); the rest run in a third process beside them, whose output follows, and
# the target fails if either run does. The rest stay out of xdist: their summary of generated
# cases (tests/conftest.py) is counted in one process. `loadfile` keeps each test file on one
# worker (its module fixtures, and the offline build, made once); the longest files start
# first (tests/conftest.py, LONGEST_FIRST).
SITE_TESTS := browser or build or node
define two_runs
	@log="$$(mktemp)"; \
	$(1) $(PY) -m pytest -p no:cacheprovider -m "$(2) and not ($(SITE_TESTS))" > "$$log" 2>&1 & engine=$$!; \
	$(1) $(PY) -m pytest -n 2 --dist loadfile -m "$(2) and ($(SITE_TESTS))"; site=$$?; \
	wait $$engine; rest=$$?; \
	echo; echo "---- the tests that need no built site ----"; cat "$$log"; rm -f "$$log"; \
	[ $$site -eq 0 ] && [ $$rest -eq 0 ]
endef

test: $(VENV)/.test-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json system-deps
	$(call two_runs,,not deep)

# No build, no browser, no Node.js, no LibreOffice: needs only the Python packages.
check: $(VENV)/.test-deps node_modules/.package-lock.json
	HYPOTHESIS_CASES=25 $(PY) -m pytest -m "not browser and not build and not node and not office and not deep"

test-fast: check

test-deep: $(VENV)/.test-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json system-deps
	$(call two_runs,PROPERTY_SCOPE=field HYPOTHESIS_CASES=1000,(deep or not deep))

bench: $(VENV)/.test-deps $(TZDATA_WHEEL) $(WORKBOOK_WHEELS) node_modules/.package-lock.json system-deps
	$(PY) benchmarks/run.py
	$(PY) benchmarks/week_plan.py
	$(PY) benchmarks/shifts.py
	$(PY) benchmarks/forecast.py

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
