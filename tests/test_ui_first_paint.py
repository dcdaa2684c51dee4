"""The app's window paints before the library is imported: opening it needs neither the pack's writer, nor the
readers' spreadsheet engines, nor the library API (they load on first use, after the window is on screen)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: What the first paint must not wait for: the library API (which pulls in every reader and writer),
#: the importer, the pack's workbook writer and the spreadsheet engines.
NOT_BEFORE_FIRST_PAINT = ("pccdesk.panel_pack", "pccdesk.indicators.force_tables", "pccdesk.writers.pack_workbook",
                          "xlsxwriter", "python_calamine", "openpyxl")


def _imported_after(module: str) -> set[str]:
    code = (f"import sys\nimport {module}\n"
            f"print('\\n'.join(m for m in {NOT_BEFORE_FIRST_PAINT!r} if m in sys.modules))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", ["pccdesk.ui.main_window", "pccdesk.ui.app"])
def test_opening_the_window_imports_no_reader_writer_or_library_api(module: str) -> None:
    assert _imported_after(module) == set()


def test_the_check_sees_a_heavy_import() -> None:
    """The check above can fail: importing the library API is seen."""
    assert _imported_after("pccdesk.panel_pack") >= {"pccdesk.panel_pack", "pccdesk.indicators.force_tables"}
