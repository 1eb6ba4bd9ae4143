"""The committed GX context says what the Python rules say, and GX stays out of fast paths."""

from __future__ import annotations

import json
import subprocess
import sys

from expectations.generate import GX_DIR, generate
from pcc.paths import PROJECT_ROOT


def test_committed_suites_are_generated_from_the_python_rules(tmp_path):
    written = generate(tmp_path / "gx")

    committed = sorted(p.name for p in (GX_DIR / "expectations").glob("*.json"))
    assert committed == sorted(p.name for p in written if p.suffix == ".json")
    for path in written:
        twin = GX_DIR / path.relative_to(tmp_path / "gx")
        if path.suffix == ".json":
            assert json.loads(twin.read_text()) == json.loads(path.read_text()), twin.name
        else:
            assert twin.read_text() == path.read_text(), twin.name


def test_measures_sql_and_the_explorer_never_import_great_expectations():
    probe = (
        "import sys\n"
        "import pcc.commands.measures, pcc.commands.sql, pcc.commands.reconcile, app.data, app.ui\n"
        "print('great_expectations' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
