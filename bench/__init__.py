"""Benchmarks of the Spark Memory server (``make bench``); see bench/README.md."""
