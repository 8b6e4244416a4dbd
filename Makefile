# Set-up and checks. `make demo` runs the main job; `make test` runs lint and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test test-postgres lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# The CPU wheel first, so nothing below can pull CUDA packages.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	touch $@

demo: install
	BRIEFBOT_DATABASE_URL=sqlite:///data/demo.db $(BIN)/briefbot run --once --corpus examples/corpus

lint: install
	$(BIN)/ruff check bot summarizer tests bench
	$(BIN)/ruff format --check bot summarizer tests bench
	$(BIN)/hadolint Dockerfile

# The quality tests run again on plain PyTorch fp32: every backend must make the same calls.
test: lint
	$(BIN)/python -m pytest -q
	BRIEFBOT_EMBEDDING_BACKEND=fp32 $(BIN)/python -m pytest -q tests/test_*_quality_*.py

# --- PostgreSQL leg (issue #17) ----------------------------------------------------------
# The suite again, each test on a new database of its own on the PostgreSQL server at
# BRIEFBOT_TEST_POSTGRES_URL (default: user postgres on 127.0.0.1:5432), when one answers.
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
test-postgres: install
	@if ! command -v pg_isready >/dev/null; then \
		echo "skip: PostgreSQL leg: pg_isready is not installed (no PostgreSQL client here)"; \
	elif ! pg_isready -q -h $(PG_HOST) -p $(PG_PORT); then \
		echo "skip: PostgreSQL leg: no server answers on $(PG_HOST):$(PG_PORT) (pg_isready)"; \
	else \
		echo "PostgreSQL leg: the suite on $(PG_HOST):$(PG_PORT)"; \
		BRIEFBOT_TEST_DATABASE=postgres $(BIN)/python -m pytest -q -p no:cacheprovider; \
	fi
# --- end of the PostgreSQL leg -----------------------------------------------------------

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/summarize.py
	$(BIN)/python bench/embed.py
	$(BIN)/python bench/cli.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/stories_scale.py
	$(BIN)/python bench/who.py
	$(BIN)/python bench/delivery.py
	$(BIN)/python bench/burst.py --spread 10
	$(BIN)/python bench/render.py
	$(BIN)/python bench/resolve.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/briefing_quality.py
	$(BIN)/python bench/ingest_quality.py
	$(BIN)/python bench/who_quality.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
