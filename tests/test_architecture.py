"""The layers, read from the code's own imports: libraries below, the application above.

`ingest`, `expectations` and `sample` (the synthetic generator) are libraries: they take paths
and settings as arguments and raise their own errors, so they never import `pcc` (the
application) or `app` (the explorer).
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
