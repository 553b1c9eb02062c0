# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint format install migrate demo clean lock messages bench-moderation bench-wall \
	eval-screening corpus-screening

$(BIN)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content

# The site and a worker (with beat, for the sweeper) on the embedded defaults: SQLite, an
# in-process cache and a broker kept in var/broker. Ctrl-C stops both.
run: demo
	@DEBUG=$${DEBUG:-1} bash scripts/run.sh $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve the pinned versions after changing pyproject.toml.
lock:
	$(PYTHON) -m venv /tmp/metoo-lock && /tmp/metoo-lock/bin/pip install --quiet pip-tools
	/tmp/metoo-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt pyproject.toml
	/tmp/metoo-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.txt pyproject.toml

# The languages the site is translated into besides English (LANGUAGES in config/settings.py).
TRANSLATIONS := es fr ar
# Bring locale/<language>/LC_MESSAGES/django.po up to date with the source (new strings come in
# untranslated, changed ones fuzzy), then compile the .mo files committed beside them. Needs GNU
# gettext (apt-get install gettext). tests/test_translations.py runs the same extraction and
# fails until every string is translated again; the same --ignore list is written there.
messages: install
	$(BIN)/python manage.py makemessages $(addprefix --locale=,$(TRANSLATIONS)) --add-location=file --no-obsolete \
		--ignore=.venv --ignore=var --ignore=tests --ignore=node_modules --ignore=screenshots
	$(BIN)/python manage.py compilemessages $(addprefix --locale=,$(TRANSLATIONS)) --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Moderation figures on a throwaway PostgreSQL database and Redis (see scripts/bench_moderation.sh).
bench-moderation: install
	bash scripts/bench_moderation.sh $(BENCH_ARGS)

# The wall, search, the API and the share form under load beside two reference views, on a
# throwaway PostgreSQL database of a million testimonies and Redis (see scripts/bench_wall.sh).
bench-wall: install
	bash scripts/bench_wall.sh $(BENCH_ARGS)

# Screening on the labelled corpus (tests/moderation/corpus): recall per kind and locale, clean-text
# false positives, span precision, risk AUC, surge leak rate, texts/s and hostile 20,000-character
# inputs. No database needed.
eval-screening: install
	$(BIN)/python -m tests.moderation.corpus.evaluate $(EVAL_ARGS)

# Write the corpus again from its generator (seeded Faker; the same Faker version gives the same file).
corpus-screening: install
	$(BIN)/python -m tests.moderation.corpus.generate
