"""Benchmarks of Interview Reader: `make bench` runs them all and rewrites bench/RESULTS.md.

Every figure is the median of several runs with its min and max, set against a floor (the
same job done by bare Qt or plain Python) measured in the same run. Nothing here asserts:
a missed target is reported, profiled and explained, never turned into a failure.
"""
