"""Benchmarks: speed and memory goals are measured here, never asserted in the test suite."""
