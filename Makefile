# Two commands do everything on a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A second environment, only for the test that builds the site with ProperDocs.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
# Material 9.7 prints a banner on every MkDocs start; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build check lint test test-fast same-site bench bench-large clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(STAMP)

$(PROPERDOCS_STAMP): pyproject.toml requirements-properdocs.lock
	test -x $(PROPERDOCS_VENV)/bin/python || $(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet -r requirements-properdocs.lock
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

# --dirty: after a save, rebuild the pages that changed, not all of them (2 s instead of
# 9 s at 345 terms, benchmarks/serve_preview.py); the plugin adds the pages that show the
# changed term. --no-strict: a broken link while writing is logged; the preview updates.
serve: install
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

check: install
	$(BIN)/glossary check content

# ruff (with TID251: only glossary.site imports MkDocs), the import contracts between the
# engine's packages (import-linter, [tool.importlinter] in pyproject.toml) and mypy --strict
# on everything; the walkthroughs one language at a time, as they share module names.
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	for folder in content/*/walkthroughs; do $(BIN)/mypy "$$folder" || exit 1; done

# Everything: lint, every test, every example on every device there is, the browsers.
test: lint $(PROPERDOCS_STAMP)
	$(BIN)/pytest -n 2

# While working: no browser, no example runs, no full site builds (about 30 s).
test-fast: install
	$(BIN)/pytest -n 2 -m "not (browser or build or example or slow)" tests

# The site built at BASE and from the working tree, one results store: byte for byte equal?
same-site: install
	$(BIN)/python -m tests.same_site $(BASE)

# Byte-compiled first: where PYTHONDONTWRITEBYTECODE is set, every `glossary` process would
# otherwise compile the engine again, and time that instead of the check.
bench: install
	$(BIN)/python -m compileall -q plugins
	$(BIN)/python benchmarks/make_corpus.py benchmarks/corpus/345 --terms 345 --langs de
	$(BIN)/python benchmarks/check_speed.py benchmarks/corpus/345 --lang de
	$(BIN)/python benchmarks/plugin_overhead.py benchmarks/corpus/345 --lang de
	$(BIN)/python benchmarks/make_real_world.py benchmarks/corpus/real-world
	$(BIN)/python benchmarks/check_speed.py benchmarks/corpus/real-world/de --lang de
	$(BIN)/python benchmarks/plugin_overhead.py benchmarks/corpus/real-world/de
	$(BIN)/python benchmarks/parser_candidates.py benchmarks/corpus/real-world/de
	$(BIN)/python benchmarks/examples_speed.py --jobs 2
	$(BIN)/python benchmarks/trainer_parity.py
	$(BIN)/python benchmarks/page_size.py
	$(BIN)/python benchmarks/serve_preview.py

# About five minutes: 2 x 1000 terms, three builds each way.
bench-large: install
	$(BIN)/python benchmarks/make_corpus.py benchmarks/corpus/2x1000 --terms 1000
	$(BIN)/python benchmarks/plugin_overhead.py benchmarks/corpus/2x1000 --runs 3

clean:
	rm -rf $(VENV) $(PROPERDOCS_VENV) site .glossary_cache .mypy_cache .ruff_cache .pytest_cache .import_linter_cache benchmarks/corpus
