# Two commands matter: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEVTALK_DB ?= data/devtalk.db
CHROMIUM ?= /usr/bin/chromium
# Debian's PostgreSQL server (the version in its path differs by release) and HAProxy for the cluster test.
POSTGRES ?= $(or $(firstword $(wildcard /usr/lib/postgresql/*/bin/postgres)),/usr/lib/postgresql/bin/postgres)
HAPROXY ?= /usr/sbin/haproxy

.PHONY: run start cluster test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

# Browser tests drive Debian's chromium; Playwright cannot download its own browser here.
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core

# The suite runs on SQLite and on PostgreSQL: each pytest worker starts a throwaway server of its own
# (ops/postgres.py) in a temp folder; none uses the package's own cluster.
$(POSTGRES) $(HAPROXY) &:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql haproxy

$(DEVTALK_DB): | $(VENV)/.runtime
	DEVTALK_DB=$(DEVTALK_DB) $(BIN)/python -m devtalk demo

run: $(VENV)/.runtime $(DEVTALK_DB)
	DEVTALK_DB=$(DEVTALK_DB) $(BIN)/python -m devtalk init
	DEVTALK_DB=$(DEVTALK_DB) $(BIN)/streamlit run app.py

# Your own firm: no demo; an empty database opens the first-run setup.
start: $(VENV)/.runtime
	DEVTALK_DB=$(DEVTALK_DB) $(BIN)/python -m devtalk init
	DEVTALK_DB=$(DEVTALK_DB) $(BIN)/streamlit run app.py

# As a fund hosts it: PostgreSQL with the demo firm and the fund portal, SERVERS app servers and
# HAProxy in front of them with sticky sessions (ops/cluster.py). Ctrl-C stops everything.
SERVERS ?= 2
cluster: $(VENV)/.runtime $(POSTGRES) $(HAPROXY)
	$(BIN)/python -m ops.cluster --servers $(SERVERS)

# One pytest worker per core, each test file on one worker (a module's demo firm or server is made once).
PARALLEL := -n auto --dist loadfile

# Browser tests run after the rest, one at a time: each drives a real server and chromium, and two of
# them side by side on a 2-core machine, CI saw a tap on the 60-item fill-in page time out.
test: $(VENV)/.test $(CHROMIUM) $(POSTGRES) $(HAPROXY)
	$(BIN)/python -m pytest -m "not browser" $(PARALLEL)
	DEVTALK_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -m browser

test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not browser and not slow" $(PARALLEL)

bench: $(VENV)/.runtime
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
