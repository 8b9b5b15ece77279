# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lint format clean system-deps-run system-deps-test

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# What each command needs, a stamp each: `make run` installs the app alone; `make test`
# (and lint) add the test extras, pytest, ruff, lxml…, and `make bench` the profiler, also
# into a venv `make run` made.
$(VENV)/.installed-app: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[bench]"
	@touch $@

system-deps-run:
	@bash .ci/system-deps.sh run

system-deps-test:
	@bash .ci/system-deps.sh test

run: system-deps-run $(VENV)/.installed-app
	$(PY) main.py

# One worker more than the cores, at most 4: the tests wait on timers, child processes and
# the disk a good part of their time (2 cores: 249 s with 3 workers, 282 s with 2). Counted
# when `make test` runs, not at every make (`=`, not `:=`).
WORKERS = $(shell $(PYTHON) -c 'import os; cores = getattr(os, "sched_getaffinity", lambda _: range(os.cpu_count() or 1))(0); print(min(4, len(cores) + 1))')

test: system-deps-test $(VENV)/.installed-test
	$(PY) -m ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(WORKERS)

bench: $(VENV)/.installed-bench
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
