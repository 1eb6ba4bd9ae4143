"""`pcc check`: the mart suites on the published warehouse, on demand."""

from __future__ import annotations

import sys

from pcc.errors import EXIT_FAILED, EXIT_OK
from pcc.read.quality import published_suite_results


def run_check() -> int:
    from expectations.mart_gate import summary

    results, docs = published_suite_results()
    width = max(len(r.suite) for r in results)
    for result in results:
        status = "pass" if result.success else ("FAIL" if result.blocking else "warn")
        line = f"{status}  {result.severity:<8}  {result.suite:<{width}}  {result.expectation}"
        column = f"({result.column_name})" if result.column_name else ""
        print(f"{line}{column}")
        if not result.success:
            print(f"      {result.details}")
    print(summary(results))
    print(f"Data Docs: {docs}")
    failed = any(r.blocking for r in results)
    if failed:
        print("pcc: critical expectations failed (see above)", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
