"""The shape of the code, kept by tests: few loose modules, none too long, no import cycle, the layers drawn.

The layers themselves are ``import-linter`` contracts in ``pyproject.toml``
(run by ``make test`` as ``lint-imports`` and here); these tests keep the
contracts honest, so a new package cannot slip past them unlisted.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp

import pccdesk

PACKAGE = Path(pccdesk.__file__).parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"
MAX_LOOSE_MODULES = 12
MAX_LINES = 600
#: modules being split in their own change (issue 11); each leaves this list when it is under the limit
BEING_SPLIT: set[str] = set()
SHELLS = {"pccdesk.ui", "pccdesk.commands", "pccdesk.cli", "pccdesk.__main__"}


def test_at_most_twelve_loose_modules_at_the_top_of_the_package():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(loose) <= MAX_LOOSE_MODULES, loose


def test_no_module_is_over_600_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(long) <= BEING_SPLIT, {k: v for k, v in long.items() if k not in BEING_SPLIT}


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), i.e. import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.find_modules_directly_imported_by(module)):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_even_through_imports_inside_functions():
    graph = grimp.build_graph("pccdesk", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "b", "c"):
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    assert _cycles(graph) == [["a", "b", "c"]]


def _contracts() -> dict[str, dict]:  # type: ignore[type-arg]
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["name"]: c for c in config["contracts"]}


def _top_level_parts() -> set[str]:
    parts = {f"pccdesk.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    parts |= {f"pccdesk.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    return parts


def test_the_import_contracts_cover_every_part_of_the_library():
    contracts = _contracts()
    library = _top_level_parts() - SHELLS
    no_qt = set(contracts["Only the Qt shell (pccdesk.ui) imports Qt"]["source_modules"])
    no_shell = set(contracts["The library never imports a shell (pccdesk.ui, pccdesk.commands, pccdesk.cli)"][
        "source_modules"])
    assert no_shell == library
    assert no_qt == library | {"pccdesk.cli", "pccdesk.commands"}


def test_the_import_contracts_are_kept():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(PYPROJECT)) == 0
