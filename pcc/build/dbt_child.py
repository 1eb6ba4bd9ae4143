"""dbt started before its command is known (pcc.build.dbt_runner.WarmDbt).

Importing dbt takes about 1.4 s. A refresh starts this process as it begins, so the import runs
on the other core while ingest works; the build then sends its command (one JSON object on stdin:
the arguments and the environment to run them in) and this runs it exactly as the `dbt` script
does. End of input without a command means the refresh needed no build, and this ends.
"""

from __future__ import annotations

import json
import os
import sys

from dbt.cli.main import cli


def main() -> None:
    line = sys.stdin.readline()
    if not line:
        return
    job = json.loads(line)
    os.environ.clear()
    os.environ.update(job["env"])
    sys.argv = ["dbt", *job["args"]]
    sys.exit(cli())


if __name__ == "__main__":
    main()
