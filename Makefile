# Two commands matter: `make demo` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
BUNDLE_STAMP := $(VENV)/.bundle-$(shell cksum pyproject.toml | cut -d' ' -f1)
BUNDLE_MAX_MB ?= 150
export QT_QPA_PLATFORM ?= offscreen

.PHONY: demo test lint app templates bundle clean bench bench-quick bench-import bench-crime bench-matching bench-isolation bench-linear system-deps

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

## Build the example panel pack from the bundled example returns into out/.
demo: $(STAMP)
	$(PY) -m pccdesk demo --out out

## Debian and npm packages that the printing, HTML and real-window tests use (installed when missing and root).
system-deps:
	bash .ci/system-deps

## Lint, type-check, check the import layers (pyproject.toml [tool.importlinter]) and run every test (GUI tests run headless).
test: $(STAMP) system-deps
	$(PY) -m ruff check pccdesk tests $(wildcard bench)
	$(PY) -m mypy pccdesk
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check pccdesk tests $(wildcard bench)
	$(PY) -m mypy pccdesk
	$(VENV)/bin/lint-imports

## Open the desktop app on the example data.
app: $(STAMP)
	QT_QPA_PLATFORM= $(PY) -m pccdesk app --example

## Build the one-folder app bundle (PyInstaller) into dist/pccdesk/ and smoke-test it headless.
bundle: $(BUNDLE_STAMP)
	rm -rf dist/pccdesk
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller installer/pccdesk.spec
	$(PY) installer/smoke_test.py dist/pccdesk --max-mb $(BUNDLE_MAX_MB)

$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[app,bundle]'
	rm -f $(VENV)/.bundle-*
	touch $@

## Regenerate the bundled templates and example returns from code.
templates: $(STAMP)
	$(PY) -m pccdesk template definitions --out templates/indicator-definitions.xlsx
	$(PY) -m pccdesk template definitions --example --out templates/example-plan.xlsx
	$(PY) -c "from pccdesk.indicators.definitions import load_definitions as L; from pccdesk.indicators.plan_templates import write_example_return as W; W('templates/examples/northumbria-2015-16-Q1-return.xlsx', L('templates/example-plan.xlsx'))"
	$(PY) -m pccdesk.examples.force_return
	$(PY) -m pccdesk.examples.crime templates/examples/northumbria-2015-16-Q1-crime.xlsx

BENCH_STAMP := $(VENV)/.bench-$(shell cksum pyproject.toml | cut -d' ' -f1)
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[bench]'
	rm -f $(VENV)/.bench-*
	touch $@

## Benchmarks: one table of ratios, pccdesk against its comparators (pandas, polars, DuckDB, fastexcel, an
## empty Qt window, a floor script), medians of interleaved runs, peak memory, scaling curves (not a test).
bench: $(BENCH_STAMP)
	$(PY) bench/run_all.py

## The same table at small sizes (a minute or two; for CI).
bench-quick: $(BENCH_STAMP)
	$(PY) bench/run_all.py --quick

## Benchmark: cells/second of the import path against pandas.read_excel(openpyxl), 200,000 rows (not a test).
bench-import: $(STAMP)
	$(PY) bench/bench_import.py --rows 200000

## Benchmark: reworded returns of 1,000 against 100 indicators, the ratio of their matching times (not a test).
bench-matching: $(STAMP)
	$(PY) bench/bench_matching.py --runs 3

## Benchmark: reading in the limited worker process against reading in-process, 100/10,000/200,000 rows (not a test).
bench-isolation: $(STAMP)
	$(PY) bench/bench_isolation.py

## Benchmark: time a row of importing 1,000/10,000/100,000-row returns (merged headings, CSV) (not a test).
bench-linear: $(STAMP)
	$(PY) bench/bench_linear.py

## Benchmark: pccdesk crime on a 200,000-row xlsx extract against pandas.read_excel(openpyxl), and peak memory of a 1,000,000-row CSV (not a test).
bench-crime: $(STAMP)
	$(PY) bench/bench_crime.py --rows 200000 --csv-rows 1000000

clean:
	rm -rf $(VENV) out build dist *.egg-info

## Long fuzz run of the importer (file contents, zip structures, .ods repeats, .xls records): FUZZ_EXAMPLES cases per fuzz test, hypothesis statistics printed (not in `make test`).
FUZZ_EXAMPLES ?= 2000
.PHONY: fuzz
fuzz: $(STAMP)
	ulimit -v 4000000; PCCDESK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz_workbooks.py tests/test_fuzz_structure.py -p no:cacheprovider --hypothesis-show-statistics
