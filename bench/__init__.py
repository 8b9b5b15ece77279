"""Benchmarks of Interview Reader: `make bench` runs them all and rewrites bench/RESULTS.md.

Every figure is the median of several runs with its min and max, set against a floor (the
same job done by bare Qt or plain Python) measured in the same run. Nothing here asserts.
To add a measurement, see MEASURES in bench/run.py.

Where re-anchoring puts highlights (right, not found, on wrong words) is counted, not
timed: `.venv/bin/python -m bench.anchoring_accuracy` prints it per range of seeds.

To profile by hand (pyinstrument is in the `bench` extra), e.g. the core's figures, which
run in the bench process: `.venv/bin/python -m pyinstrument -m bench --only find,export`.
"""
