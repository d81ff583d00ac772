# CP14 Helper. `make run` to use it, `make test` to test it. Needs Python 3.11, make, git and gettext.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test lint fmt bench screenshots migrations-check reset-db clean messages

help:
	@echo "make run    start the web server, a Celery worker and Celery beat (Ctrl-C stops all three)"
	@echo "make test   run the whole test suite"
	@echo "make lint   ruff check, ruff format --check, mypy"
	@echo "make messages  compile the Spanish catalogue (locale/es/LC_MESSAGES/django.po)"
	@echo "make fmt    format the code with ruff"
	@echo "make bench  measure speed on PostgreSQL, Redis and gunicorn (figures, never pass/fail)"
	@echo "make screenshots  save pictures of the main pages to var/screenshots/"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The .mo files are built here, never committed: `make run` and `make test` run this first.
# Needs gettext's msgfmt (apt-get install gettext). After changing words in templates or
# Python, update the catalogue with: DEBUG=true .venv/bin/python manage.py makemessages
#   -l es --no-location -i .venv -i var -i tests   (then translate every new entry).
messages: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "make messages needs msgfmt: apt-get install gettext" >&2; exit 1; }
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore .venv --ignore var

run: $(STAMP) messages
	@command -v tesseract >/dev/null && command -v pdftoppm >/dev/null || echo "  Note: reading a \
	photo of a notice needs apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa poppler-utils"
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	@echo
	@echo "  CP14 Helper is running at http://$(HOST):$(PORT)/"
	@echo "  The web server, a Celery worker and Celery beat are up. Press Ctrl-C to stop all three."
	@echo
	@DEBUG=true bash -c 'trap "trap - INT TERM EXIT; kill 0" INT TERM EXIT; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT) & \
		$(BIN)/celery -A cp14site worker --loglevel=INFO --concurrency=2 & \
		$(BIN)/celery -A cp14site beat --loglevel=INFO & \
		wait'

test: $(STAMP) messages
	@$(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected" >&2; fi; \
	exit $$status

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs PostgreSQL and Redis on 127.0.0.1 (BENCH_POSTGRES, BENCH_REDIS to change); installs wrk
# and nginx from Debian if missing. Writes var/bench/latest.json. See README.md "Benchmarks".
bench: $(STAMP)
	@command -v wrk >/dev/null && command -v nginx >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light; }
	$(BIN)/python -m tests.bench.run_bench

# Pictures of the main pages at 375 and 1280 px wide, for a person to look at (needs chromium).
screenshots: $(STAMP)
	$(BIN)/python -m tests.browser.screenshots
	@echo "Screenshots are in var/screenshots/"

migrations-check: $(STAMP)
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

reset-db:
	rm -f var/db.sqlite3
	DEBUG=true $(BIN)/python manage.py migrate --noinput

clean:
	rm -rf $(VENV) var
