# newsledger — `make run` sets everything up, processes the sample corpus and serves the UI;
# `make test` runs the test suite.  Both create .venv on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= newsledger.db
SHARED ?= ../shared
REUTERS_SAMPLE ?= 300
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run install ingest serve test eval bench clean browser

run: install ingest serve

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it or pass PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@echo "building the GeoNames gazetteer cache (once, about a minute)"
	$(BIN)/python -c "from newsledger.geo import load_gazetteer; load_gazetteer()"
	@touch $@

ingest: install
	$(BIN)/newsledger ingest samples/ --db $(DB)
	@if [ -d "$(SHARED)/corpus/reuters21578" ]; then \
		$(BIN)/newsledger ingest $(SHARED)/corpus/reuters21578/reut2-000.sgm.gz --limit $(REUTERS_SAMPLE) --db $(DB); \
	else echo "($(SHARED)/corpus/reuters21578 not found: only the bundled samples were ingested)"; fi
	$(BIN)/newsledger cluster --db $(DB) --quiet

serve: install
	$(BIN)/newsledger serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

# Headless Chromium for tests/test_browser.py (skipped without it, except under CI=true); needs root.
browser:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get update && apt-get install -y chromium chromium-driver; }

eval: install
	$(BIN)/python eval/run_all.py --shared $(SHARED)

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
