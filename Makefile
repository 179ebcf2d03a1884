# The two commands of the README's quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB := demo.db
# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

.PHONY: demo test lint bench clean system-deps

$(BIN)/pourparler: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/pourparler
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/pourparler ingest examples --db $(DEMO_DB)
	$(BIN)/pourparler list --db $(DEMO_DB)
	$(BIN)/pourparler stories --db $(DEMO_DB)
	$(BIN)/pourparler timeline --db $(DEMO_DB)
	$(BIN)/pourparler analyze examples/pasted
	@echo "Stored in $(DEMO_DB). Try: . $(BIN)/activate && pourparler positions --db $(DEMO_DB)"
	@echo "Web app: $(BIN)/pourparler serve --db $(DEMO_DB), then open http://127.0.0.1:8000/ (API docs at /docs)"

test: $(BIN)/pourparler system-deps
	$(BIN)/python -m pytest -q

# Debian's chromium for the browser tests and a Java runtime for the Spark test. Without root or sudo
# the browser tests are skipped (CI requires them: POURPARLER_REQUIRE_BROWSER=1).
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get
system-deps:
	@[ -x $(CHROMIUM) ] || $(APT) install -y -q chromium >/dev/null 2>&1 \
	  || ($(APT) update -q >/dev/null && $(APT) install -y -q chromium >/dev/null) \
	  || echo "could not install Debian's chromium; the browser tests will be skipped"
	@command -v java >/dev/null || $(APT) install -y -q openjdk-17-jre-headless >/dev/null 2>&1 \
	  || ($(APT) update -q >/dev/null && $(APT) install -y -q openjdk-17-jre-headless >/dev/null) \
	  || echo "could not install a Java runtime; the Spark test will fail"

lint: $(BIN)/pourparler
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(BIN)/pourparler
	$(BIN)/python bench/ingest_speed.py
	$(BIN)/python bench/pipeline_speed.py
	$(BIN)/python bench/story_assign.py
	$(BIN)/python bench/story_store.py
	$(BIN)/python bench/batch_scale.py
	$(BIN)/python bench/web_reads.py

clean:
	rm -rf $(VENV) $(DEMO_DB) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
