"""Every problem code is declared once, with a severity and a plain-English title.

The codes are what the app, the tests and anyone filtering the pack's
``DataQuality`` table compare, so a code emitted without being declared (a typo,
or a new check that forgot to register its code) is caught here, not by a user.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import pccdesk
from pccdesk.problems import (
    PccdeskError,
    ProblemCode,
    Severity,
    error,
    lookup,
    registered_codes,
    sort_key,
    warning,
)

PACKAGE = Path(pccdesk.__file__).parent
EMITTERS = {"error", "warning", "info", "Problem"}
#: what a code looks like (a log message such as "pack written: %s" does not)
CODE_SHAPE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _import_every_library_module() -> None:
    """Codes are registered when their module is imported: import them all (the Qt shell declares none)."""
    for module in pkgutil.walk_packages([str(PACKAGE)], prefix="pccdesk."):
        if module.name.startswith("pccdesk.ui") or module.name == "pccdesk.__main__":
            continue
        importlib.import_module(module.name)


def _emitted_codes() -> list[tuple[str, int, ast.expr]]:
    """Every expression given as a problem's code in pccdesk/: first argument of error/warning/info/Problem,
    ``code=`` anywhere, third argument of PccdeskError."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if isinstance(func, ast.Attribute) and "log" in ast.unparse(func.value).lower():
                continue  # a logger's info/warning/error, not problems
            given = [kw.value for kw in node.keywords if kw.arg == "code"]
            if name in EMITTERS and node.args:
                given.append(node.args[0])
            if name == "PccdeskError" and len(node.args) >= 3:
                given.append(node.args[2])
            found += [(str(path.relative_to(PACKAGE.parent)), node.lineno, expr) for expr in given]
    return found


def _module_level_value(where: str, expr: ast.expr) -> object:
    """What a name given as a code means at the top of its module (None for a local variable)."""
    module_name = where.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    try:
        namespace = vars(importlib.import_module(module_name))
        value: object = namespace
        for part in ast.unparse(expr).split("."):
            value = value[part] if isinstance(value, dict) else getattr(value, part)
        return value
    except (ImportError, KeyError, AttributeError):
        return None


def test_every_code_emitted_anywhere_in_pccdesk_is_registered():
    _import_every_library_module()
    known = registered_codes()
    unknown = []
    for where, line, expr in _emitted_codes():
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            if expr.value not in known and CODE_SHAPE.fullmatch(expr.value):
                unknown.append(f"{where}:{line}: {expr.value!r}")
        elif isinstance(expr, ast.JoinedStr):
            unknown.append(f"{where}:{line}: a code built at run time ({ast.unparse(expr)}) cannot be checked")
        elif isinstance(expr, ast.Name | ast.Attribute):
            value = _module_level_value(where, expr)  # a constant such as MISMATCH = "return-period-mismatch"
            if isinstance(value, str) and not isinstance(value, ProblemCode) and value not in known:
                unknown.append(f"{where}:{line}: {ast.unparse(expr)} = {value!r}")
    assert not unknown, "codes emitted without a ProblemCode declaration:\n" + "\n".join(unknown)


def test_the_scan_finds_the_codes_it_is_meant_to_check():
    """Guards the test above against silently finding nothing."""
    emitted = _emitted_codes()
    assert len(emitted) > 100
    assert any(isinstance(e, ast.Attribute) and e.attr == "CRIME_SUM" for _, _, e in emitted)


def test_every_registered_code_has_a_severity_a_plain_english_title_and_a_description():
    _import_every_library_module()
    codes = registered_codes()
    assert len(codes) > 100
    for code, declared in codes.items():
        assert declared.code == code
        assert isinstance(declared.severity, Severity), code
        title = declared.title
        assert title and title[0].isupper() and " " in title, f"{code}: {title!r} is not a sentence"
        assert not title.endswith("."), code
        assert code not in title and len(title) <= 90, code
        assert declared.description.strip(), f"{code}: say what it means and what to do"


def test_a_code_compares_and_prints_as_its_text():
    from pccdesk.crime import codes

    problem = warning(codes.CRIME_SUM, "areas add to 10, force total 11")
    assert problem.code == "crime-sum" == codes.CRIME_SUM
    assert type(problem.code) is str  # what the DataQuality table and the app store
    assert lookup("crime-sum") is codes.CRIME_SUM
    assert PccdeskError("x", code=codes.BAD_PERIOD).code == "bad-period"
    assert PccdeskError("x").code == "unreadable-input"


def test_a_code_declared_twice_differently_is_refused():
    ProblemCode("test-only-code", Severity.INFO, "A code used by this test only")
    ProblemCode("test-only-code", Severity.INFO, "A code used by this test only")  # the same again is fine
    with pytest.raises(ValueError):
        ProblemCode("test-only-code", Severity.ERROR, "Something else")
    with pytest.raises(ValueError):
        ProblemCode("Not A Code", Severity.INFO, "A code with spaces")


def test_a_code_with_a_template_fills_in_its_fields():
    code = ProblemCode("test-only-template", Severity.WARNING, "A test template",
                       template="{count} rows were left out")
    assert code.message(count=3) == "3 rows were left out"
    assert code.problem("m").severity is Severity.WARNING


def test_problems_are_ordered_errors_first_then_by_file_and_sheet():
    from pccdesk.problems import Location, info

    problems = [info("unexpected", "c", Location("b.xlsx")), warning("unexpected", "b", Location("a.xlsx", "S2")),
                error("unexpected", "a", Location("z.xlsx")), warning("unexpected", "b", Location("a.xlsx", "S1"))]
    assert [(p.message, p.location.sheet) for p in sorted(problems, key=sort_key)] == [
        ("a", ""), ("b", "S1"), ("b", "S2"), ("c", "")]
