"""Run suites with Great Expectations: the only module that imports it (about 4 s).

The committed file data context is expectations/gx/. Its suites are generated from the Python
rules (expectations.generate); at run time they are read, never written, and anything GX writes
(validation results, validation definitions, Data Docs) goes under the data directory
(`PCC_GX_RUNTIME_DIR`, set here from the folder the caller passes), so running checks never touches the repo.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from expectations import settings
from expectations.errors import QualityError
from expectations.specs import Result, Rule, Suite

if TYPE_CHECKING:
    import pandas as pd

EXPECTATIONS_DIR = Path(__file__).resolve().parent
DATASOURCE = "frames"
BATCH = "whole"
SHOWN_FAILURES = 5  # failing rows named in a result's details


def open_context(runtime_dir: Path, project_root: Path | None = None):
    """The committed GX file context, writing its run-time artefacts under runtime_dir.

    GX rewrites the suite files it reads while validating, and a refresh killed during that
    write once left a committed suite empty, failing every later check (the fault suite found
    it). So checks open a private copy of the committed context, made for this process;
    only `python -m expectations.generate` passes project_root to write the real one.
    """
    runtime_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PCC_GX_RUNTIME_DIR"] = str(runtime_dir)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network from a quality gate
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    if project_root is None:
        project_root = _private_copy(EXPECTATIONS_DIR / "gx")
    return gx.get_context(mode="file", project_root_dir=str(project_root))


SCRATCH_PREFIX = "pcc-gx-"


def _private_copy(gx_dir: Path) -> Path:
    """A copy of the committed context under the system temp folder, removed at exit.

    Its name carries this process id: copies whose process is gone (killed before its exit
    handlers ran) are removed here, by the next process that checks.
    """
    remove_orphan_copies()
    root = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    shutil.copytree(gx_dir, root / "gx")
    return root


def remove_orphan_copies(temp_dir: Path | None = None) -> list[Path]:
    """Remove private copies left by processes that no longer run; returns what was removed."""
    removed = []
    for path in Path(temp_dir or tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = path.name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def make_expectation(rule: Rule):
    """The GX expectation object a rule declares."""
    import great_expectations.expectations as gxe

    return getattr(gxe, rule.expectation)(
        **rule.kwargs,
        severity=rule.severity,
        meta={"rule": rule.rule},
        description=rule.description,
    )


def rule_config(rule: Rule) -> dict[str, Any]:
    """A rule as GX stores an expectation (type, kwargs, severity, meta), ids left out."""
    config = make_expectation(rule).configuration.to_json_dict()
    config.pop("id", None)
    return config


def stored_suite(context, suite: Suite):
    """The committed GX suite for `suite`, checked to still say what the Python rules say."""
    try:
        stored = context.suites.get(suite.name)
    except Exception:  # GX raises its own not-found error type
        raise QualityError(
            f"expectation suite {suite.name} is missing from expectations/gx: "
            "run `python -m expectations.generate`"
        ) from None
    have = [_without_id(e.configuration.to_json_dict()) for e in stored.expectations]
    want = [rule_config(rule) for rule in suite.rules]
    if have != want:
        raise QualityError(
            f"expectation suite {suite.name} in expectations/gx is out of date with "
            f"expectations/rules_*.py: run `python -m expectations.generate`"
        )
    return stored


def _without_id(config: dict) -> dict:
    config.pop("id", None)
    return config


_definitions: dict[tuple[int, str], Any] = {}  # per context and suite: built once per command


def _definition(context, suite: Suite):
    key = (id(context), suite.name)
    if key not in _definitions:
        import great_expectations as gx

        asset = context.data_sources.get(DATASOURCE).get_asset(suite.name)
        definition = gx.ValidationDefinition(
            name=suite.name,
            data=asset.get_batch_definition(BATCH),
            suite=stored_suite(context, suite),
        )
        _definitions[key] = context.validation_definitions.add_or_update(definition)
    return _definitions[key]


def validate(context, suite: Suite, frame: pd.DataFrame, stage: str, target: str) -> list[Result]:
    """Validate one frame against one suite; one Result per expectation.

    GX's BASIC results give every verdict and observed value at about two thirds of the cost of
    COMPLETE ones; only when an expectation fails is the frame validated again with COMPLETE
    results, for the index of each failing row (named in the details). Data Docs then show
    both runs of that frame, with the same verdicts.
    """
    definition = _definition(context, suite)
    frame = frame.reset_index(drop=True)
    for result_format in ("BASIC", "COMPLETE"):
        outcome = definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=settings.expectation_parameters(),
            result_format={"result_format": result_format},
        )
        if all(result.success for result in outcome.results):
            break
    results = []
    for rule, result in zip(suite.rules, outcome.results, strict=True):
        if result.exception_info and result.exception_info.get("raised_exception"):
            message = result.exception_info.get("exception_message") or "error"
            raise QualityError(f"{suite.name}: {rule.expectation} could not run: {message}")
        results.append(
            Result(
                stage=stage,
                suite=suite.name,
                target=target,
                expectation=_snake(rule.expectation),
                column_name=rule.column,
                severity=settings.severity(rule.rule, rule.severity),
                rule=rule.rule,
                success=bool(result.success),
                observed_value=_observed(result.result),
                details=rule.description
                if result.success
                else _failures(frame, rule.labels or suite.label_columns, result.result),
            )
        )
    return results


KEEP_RUNS = 3  # validation runs per suite kept for Data Docs


def build_docs(context) -> Path:
    """Render GX Data Docs (suites and the latest stored validations) under the runtime folder.

    GX renders every stored validation each time, so without pruning a check would slow
    down with every refresh (a cold load alone stores one per file). Every result is also
    kept in the warehouse (marts.dq_validation_results, landing.dq_extract_results).
    """
    runtime = Path(os.environ["PCC_GX_RUNTIME_DIR"])
    for stored in (runtime / "validations", runtime / "data_docs" / "validations"):
        prune_runs(stored, KEEP_RUNS)
    context.build_data_docs()
    return runtime / "data_docs" / "index.html"


def prune_runs(stored: Path, keep: int) -> None:
    """Keep the newest `keep` run folders (<suite>/<batch>/<run time>) of each suite."""
    if not stored.is_dir():
        return
    for batch in stored.glob("*/*"):
        runs = sorted(p for p in batch.iterdir() if p.is_dir())  # ISO run times sort in order
        for old in runs[:-keep]:
            shutil.rmtree(old, ignore_errors=True)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _observed(result: dict) -> str:
    if "unexpected_count" in result:
        return f"{result['unexpected_count']} of {result.get('element_count', 0)} rows outside"
    value = result.get("observed_value")
    return "" if value is None else str(value)


def _failures(frame: pd.DataFrame, labels: tuple[str, ...], result: dict) -> str:
    rows = result.get("unexpected_index_list") or []
    if not rows:
        return f"observed {_observed(result)}"
    named = []
    for row in rows[:SHOWN_FAILURES]:
        index = row if isinstance(row, int) else row.get("index", row)
        values = frame.iloc[int(index)]
        named.append(", ".join(f"{c}={values[c]}" for c in labels))
    more = len(rows) - len(named)
    return "; ".join(named) + (f"; and {more} more" if more else "")
