# Lapak: `make run` starts it (console, or Telegram when LAPAK_TELEGRAM_TOKEN is set); `make test` checks it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench venv compiled clean

$(BIN)/lapak: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,aiogram]'
	touch $(BIN)/lapak

venv: $(BIN)/lapak

# The order parser compiled by mypyc (bot/compiled.py): rebuilt only when its sources changed; without a
# C compiler the plain Python parser runs.
compiled: venv
	$(BIN)/python -c 'import sys; from bot.compiled import main; sys.exit(main())'

run: venv compiled
	$(BIN)/lapak run

lint: venv
	$(BIN)/ruff check bot core storage tests bench
	$(BIN)/mypy

test: lint compiled
	$(BIN)/pytest -q

bench: venv compiled
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/chat.py
	$(BIN)/python bench/chat_telegram.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build
