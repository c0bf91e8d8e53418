"""The benchmark harness behind ``bench/run``: one module per kind of measurement.

Each measurement returns a plain dict for the results file. A piece of
allegraph that is missing (not built yet, or not installed) gives
``{"status": "not available", "why": ...}`` instead of an error, so the run
goes on and the report says what could not be measured.
"""
