"""The layers, read from the code's own imports: libraries below, the application above.

`ingest`, `expectations` and `sample` (the synthetic generator) are libraries: they take paths
and settings as arguments and raise their own errors, so they never import `pcc` (the
application) or `app` (the explorer).
Inside the application, each package imports only the layers below it (`pcc.build` and
`pcc.read` only the base modules; `pcc.present` reads rows of `pcc.read`; the pack both; the
commands everything; the CLI the commands), and only `pcc.read` opens the published warehouse.
No modules import each other in a cycle, and none imports another module's private names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "expectations", "sample", "pcc", "app")
LIBRARIES = ("ingest", "expectations", "sample")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path
    for package in PACKAGES
    for path in sorted((ROOT / package).rglob("*.py"))
}


def _imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import, lazy ones included."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in MODULES:  # `from pkg import module`
                    found.append((submodule, None, node.lineno))
                else:
                    found.append((node.module, alias.name, node.lineno))
    return found


def _internal_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _, _ in _imports(module):
            if target in MODULES and target != module:
                edges[module].add(target)
    return edges


def test_the_walk_sees_the_packages():
    assert {"ingest.pipeline", "expectations.gx_runner", "pcc.cli", "app.data"} <= set(MODULES)
    assert "ingest.landing" in _internal_edges()["ingest.pipeline"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_libraries_never_import_the_application(library):
    offending = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.split(".")[0] == library
        for target, _, line in _imports(module)
        if target.split(".")[0] in ("pcc", "app")
    ]
    assert offending == []


def test_the_application_never_imports_the_explorer():
    offending = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.split(".")[0] == "pcc"
        for target, _, line in _imports(module)
        if target.split(".")[0] == "app"
    ]
    assert offending == []


# The application's layers, lowest first. A module imports its own package and lower layers;
# two packages on the same layer (build and read) do not import each other.
BASE = ("pcc.errors", "pcc.paths", "pcc.config", "pcc.months")  # errors, paths, settings
LAYERS = {
    "base": 0,
    "pcc.build": 1,
    "pcc.read": 1,
    "pcc.present": 2,
    "pcc.pack": 3,
    "pcc.commands": 4,
    "pcc.cli": 5,
    "pcc.__main__": 6,
}


def _layer(module: str) -> str:
    package = ".".join(module.split(".")[:2])
    return "base" if package in BASE else package


def test_every_application_module_has_a_layer():
    assert {_layer(m) for m in MODULES if m.startswith("pcc.")} <= set(LAYERS)


def test_application_packages_import_only_lower_layers():
    offending = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.startswith("pcc.")
        for target, _, line in _imports(module)
        if target.startswith("pcc.")
        and _layer(target) != _layer(module)
        and LAYERS[_layer(target)] >= LAYERS[_layer(module)]
    ]
    assert offending == []


def test_the_explorer_uses_only_reading_and_presentation():
    """app/ shows what pcc.read selects, formatted by pcc.present: no command, build or pack."""
    allowed = {"base", "pcc.read", "pcc.present"}
    offending = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.split(".")[0] == "app"
        for target, _, line in _imports(module)
        if target.split(".")[0] == "pcc" and _layer(target) not in allowed
    ]
    assert offending == []


READERS = ("connect_published", "open_reader")  # pcc.read.warehouse's hardened connection
# The pack still reads the warehouse in its own data module; issue 16 item 2 (the pack reads
# the warehouse once into one data object) moves that read under pcc.read.
PACK_READ_PENDING = {"pcc.pack.data"}


def _opens_the_warehouse(module: str) -> list[int]:
    return [
        line
        for target, name, line in _imports(module)
        if target == "pcc.read.warehouse" and name in READERS
    ]


def test_only_pcc_read_opens_the_published_warehouse():
    """Every query on the marts goes through pcc.read (the explorer's app.data calls it too)."""
    offending = [
        f"{module}:{line} imports the warehouse connection"
        for module in MODULES
        if not module.startswith("pcc.read.")
        and module != "app.data"
        and module not in PACK_READ_PENDING
        for line in _opens_the_warehouse(module)
    ]
    assert offending == []
    # The exemption ends when the pack's read moves: then this fails until it is removed.
    assert all(_opens_the_warehouse(m) for m in PACK_READ_PENDING)


def test_no_consumer_connects_to_duckdb_itself():
    consumers = ("pcc.commands", "pcc.present", "pcc.pack", "pcc.cli", "app")
    offending = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.startswith(consumers)
        for target, _, line in _imports(module)
        if target.split(".")[0] == "duckdb"
    ]
    assert offending == []


def test_no_import_cycles():
    edges = _internal_edges()
    cycles = []
    state: dict[str, str] = {}  # 'visiting' or 'done'

    def visit(module: str, path: list[str]) -> None:
        state[module] = "visiting"
        for target in sorted(edges[module]):
            if state.get(target) == "visiting":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_imports_of_another_modules_private_names():
    offending = [
        f"{module}:{line} imports {target}.{name}"
        for module in MODULES
        for target, name, line in _imports(module)
        if name and name.startswith("_") and not name.startswith("__")
    ]
    assert offending == []
