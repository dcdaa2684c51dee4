"""The installer's helper scripts: version resource, bundle contents filter, icon, smoke checks."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


names = _load("make_version_info")
contents = _load("bundle_contents")
icon = _load("make_icon")


# --- version ----------------------------------------------------------------------------------

def test_package_version_is_the_one_pccdesk_reports(capsys: pytest.CaptureFixture[str]) -> None:
    import pccdesk
    from pccdesk.cli import main

    assert names.package_version() == pccdesk.__version__
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"pccdesk {names.package_version()}"


def test_package_version_is_parsed_not_imported(tmp_path: Path) -> None:
    (tmp_path / "pccdesk").mkdir()
    (tmp_path / "pccdesk" / "__init__.py").write_text('"""doc"""\nimport nothing_here\n__version__ = "2.3.4"\n')
    assert names.package_version(tmp_path) == "2.3.4"
    (tmp_path / "pccdesk" / "__init__.py").write_text("VERSION = '1'\n")
    with pytest.raises(ValueError, match="no __version__"):
        names.package_version(tmp_path)


def test_script_prints_the_version_for_the_workflow(capsys: pytest.CaptureFixture[str]) -> None:
    assert names.main(["--print-version"]) == 0
    assert names.main(["--print-file-version"]) == 0
    version, file_version = capsys.readouterr().out.split()
    assert version == names.package_version()
    assert file_version == ".".join(map(str, names.version_tuple(version)))
    assert file_version.count(".") == 3


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)),
    ("1", (1, 0, 0, 0)),
    ("1.2", (1, 2, 0, 0)),
    ("1.2.3.4", (1, 2, 3, 4)),
    ("1.2.3rc1", (1, 2, 3, 0)),
    ("2.0.0.dev5", (2, 0, 0, 0)),
    ("65535.65535.65535.65535", (65535, 65535, 65535, 65535)),
])
def test_version_tuple(version: str, numbers: tuple[int, int, int, int]) -> None:
    assert names.version_tuple(version) == numbers


@pytest.mark.parametrize("version", ["", "v1.0", "one", "65536.0", "1.65536"])
def test_version_tuple_refuses_what_windows_cannot_hold(version: str) -> None:
    with pytest.raises(ValueError):
        names.version_tuple(version)


class _Node:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs


def _parse_version_info(text: str) -> _Node:
    """Evaluate PyInstaller's VSVersionInfo text with stand-in classes (pefile is Windows-only)."""
    kinds = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    namespace: dict[str, Any] = {k: type(k, (_Node,), {}) for k in kinds}
    node = eval(text, {"__builtins__": {}}, namespace)  # noqa: S307 - our own generated file
    assert type(node).__name__ == "VSVersionInfo"
    return node


def test_version_resource_carries_product_company_and_version(tmp_path: Path) -> None:
    written = names.write_version_files(tmp_path, "1.4.2rc1")
    assert set(written) == {names.GUI_EXE, names.CLI_EXE}
    info = _parse_version_info(written[names.CLI_EXE].read_text(encoding="utf-8"))
    ffi = info.kwargs["ffi"].kwargs
    assert ffi["filevers"] == ffi["prodvers"] == (1, 4, 2, 0)
    string_file_info, var_file_info = info.kwargs["kids"]
    (table,) = string_file_info.args[0]
    block, strings = table.args
    assert block == "080904B0"
    fields = dict(s.args for s in strings)
    assert fields["ProductName"] == "pccdesk"
    assert fields["CompanyName"] == names.PUBLISHER
    assert fields["FileVersion"] == fields["ProductVersion"] == "1.4.2rc1"
    assert fields["OriginalFilename"] == "pccdesk-cli.exe"
    assert var_file_info.args[0][0].args == ("Translation", [0x0809, 1200])


def test_version_resource_quotes_text_safely() -> None:
    text = names.render("1.0", "pccdesk", description="O'Brien's \"pack\" tool")
    fields = dict(s.args for s in _parse_version_info(text).kwargs["kids"][0].args[0][0].args[1])
    assert fields["FileDescription"] == "O'Brien's \"pack\" tool"


# --- what goes into the bundle ------------------------------------------------------------------

@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqico.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6\\Qt6Gui.dll", True),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6\\Qt6Qml.dll", False),
    ("libQt6Network.so.6", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\opengl32sw.dll", False),
    ("PySide6/Qt/lib/libicudata.so.73", True),
    ("PySide6/QtWidgets.abi3.so", True),
    ("cryptography/hazmat/bindings/_rust.abi3.so", True),
    ("templates/example-plan.xlsx", True),
    ("libQtCoreLike.so", True),
])
def test_keep(dest: str, kept: bool) -> None:
    assert contents.keep(dest) is kept


def test_plugin_wanted_is_decided_by_type_and_file_name() -> None:
    assert contents.plugin_wanted("platforms", "/x/PySide6/Qt/plugins/platforms/libqxcb.so")
    assert not contents.plugin_wanted("platformthemes", "/x/PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not contents.plugin_wanted("platforms/darwin", "/x/libqcocoa.dylib")


def test_numpy_pandas_and_pyarrow_are_bundled_only_when_our_code_imports_them(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("import openpyxl\n# import pandas in a comment is not an import\n")
    assert {"numpy", "pandas", "pyarrow"} <= set(contents.excludes(package))
    (package / "b.py").write_text("    import numpy as np\n")
    found = set(contents.excludes(package))
    assert "numpy" not in found and "pandas" in found
    (package / "b.py").write_text("from pandas import DataFrame\n")
    found = set(contents.excludes(package))
    assert "numpy" not in found and "pandas" not in found and "pyarrow" in found
    (package / "c.py").write_text("import pyarrow.csv\n")
    assert "pyarrow" not in set(contents.excludes(package))


def test_the_test_and_lint_tools_are_never_bundled() -> None:
    assert {"pytest", "hypothesis", "mypy", "ruff", "PyInstaller"} <= set(contents.EXCLUDES)


# --- icon ---------------------------------------------------------------------------------------

def _ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        width, height, _, _, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert width == height and planes == 1 and bits == 32
        entries.append((width or 256, data[offset:offset + size]))
    return entries


def test_committed_icon_has_the_windows_sizes_and_is_small() -> None:
    data = (INSTALLER / "pccdesk.ico").read_bytes()
    entries = _ico_entries(data)
    assert [size for size, _ in entries] == [16, 32, 48, 256]
    assert entries[-1][1].startswith(b"\x89PNG\r\n\x1a\n")
    for size, image in entries[:-1]:
        header_size, width, height = struct.unpack_from("<Iii", image, 0)
        assert (header_size, width, height) == (40, size, 2 * size)
    assert len(data) < 32_000


def test_committed_icon_is_what_the_script_draws() -> None:
    committed = _ico_entries((INSTALLER / "pccdesk.ico").read_bytes())
    drawn = _ico_entries(icon.ico_bytes())
    # bitmaps are byte-exact; the PNG may differ with the zlib version, so compare its size only
    assert [img for _, img in committed[:-1]] == [img for _, img in drawn[:-1]]
    assert committed[-1][0] == drawn[-1][0]


def test_icon_has_rounded_transparent_corners_and_an_opaque_tile() -> None:
    rows = icon.render(32)
    assert rows[0][0][3] == 0 and rows[31][31][3] == 0 and rows[0][31][3] == 0
    assert rows[0][16][3] == 255 and rows[16][0][3] == 255 and rows[16][16][3] == 255


# --- smoke checks -------------------------------------------------------------------------------

def test_smoke_size_check_at_its_limit(tmp_path: Path) -> None:
    smoke = _load("smoke_test")
    (tmp_path / "a").write_bytes(b"x" * 600_000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"x" * 400_000)
    assert smoke.bundle_size_mb(tmp_path) == pytest.approx(1.0)
    assert "1.0 MB" in smoke.check_size(tmp_path, 1.001)
    with pytest.raises(smoke.CheckFailed, match="over the 1 MB limit"):
        smoke.check_size(tmp_path, 1.0)


def test_smoke_refuses_a_missing_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    smoke = _load("smoke_test")
    assert smoke.main([str(tmp_path / "nothing")]) == 2
    assert "make bundle" in capsys.readouterr().err


def test_the_postgres_and_analysis_extras_stay_out_of_the_bundle_unless_asked(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "store").mkdir(parents=True)
    (package / "store" / "engines.py").write_text("def connect():\n    import psycopg\n")
    (package / "store" / "history_frame.py").write_text("def frame():\n    import pandas as pd\n")
    plain = set(contents.excludes(package))
    assert {"psycopg", "psycopg_binary", "pandas", "numpy", "pyarrow"} <= plain
    asked = set(contents.excludes(package, ("postgres", "analysis")))
    assert "psycopg" not in asked and "psycopg_binary" not in asked
    assert "pandas" not in asked and "numpy" not in asked and "pyarrow" in asked


def test_the_real_package_leaves_psycopg_and_pandas_out_by_default() -> None:
    found = set(contents.excludes(Path(__file__).resolve().parents[1] / "pccdesk"))
    assert {"psycopg", "psycopg_binary", "pandas", "numpy"} <= found
