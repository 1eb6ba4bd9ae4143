"""Data-quality gate: Great Expectations suites for the extracts (at ingest) and the marts (at refresh).

The rules are declared as plain data here (rules_extracts.py, rules_marts.py) and turned into GX
suites by gx_runner.py, the only module that imports great_expectations (slow: ~4 s), and only
when a check actually runs. The committed GX file context lives in expectations/gx/; its suite
JSON is generated from the Python declarations (`python -m expectations.generate`).
"""
