# The two commands of the README's quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB := demo.db

.PHONY: demo test lint bench clean

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

test: $(BIN)/pourparler
	$(BIN)/python -m pytest -q

lint: $(BIN)/pourparler
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(BIN)/pourparler
	$(BIN)/python bench/ingest_speed.py
	$(BIN)/python bench/nlp_speed.py
	$(BIN)/python bench/story_assign.py
	$(BIN)/python bench/story_store.py

clean:
	rm -rf $(VENV) $(DEMO_DB) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
