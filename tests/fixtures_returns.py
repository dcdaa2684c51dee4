"""The seed-shaped example force return, saved in every shape a force sends: .xlsx, .xls, .ods, .csv, protected .xlsx.

All built in code from :func:`pccdesk.examples.force_return.example_force_return_grid`, so the
formats hold the same cells (percent-formatted numbers stay percent-formatted where the
format can say so; the CSV holds what Excel shows).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pccdesk.examples.force_return import ReturnGrid, example_force_return_grid, write_example_force_return

PASSWORD = "Official-Sensitive-2015"


def write_xlsx(path: Path, grid: ReturnGrid | None = None) -> Path:
    return write_example_force_return(path, grid)


def write_xls(path: Path, grid: ReturnGrid | None = None) -> Path:
    """Legacy BIFF8 .xls via xlwt, with merges and percent number formats."""
    import xlwt

    grid = grid or example_force_return_grid()
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(grid.sheet)
    plain = xlwt.easyxf("")
    pct = xlwt.easyxf("", num_format_str="0.0%")
    first = {(m[0], m[1]): m for m in grid.merges}
    covered = {(r, c) for r1, c1, r2, c2 in grid.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(grid.rows):
        for c, value in enumerate(row):
            style = pct if (r, c) in grid.percent else plain
            m = first.get((r, c))
            if m is not None:
                sheet.write_merge(m[0], m[2], m[1], m[3], value if value is not None else "", style)
                continue
            if (r, c) in covered or value is None:
                continue
            sheet.write(r, c, value, style)
    book.save(str(path))
    return path


def write_ods(path: Path, grid: ReturnGrid | None = None) -> Path:
    """OpenDocument via odfpy: percent cells as office:value-type="percentage", merges as spans."""
    from odf.number import Number, PercentageStyle
    from odf.number import Text as NumberText
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    grid = grid or example_force_return_grid()
    doc = OpenDocumentSpreadsheet()
    pstyle = PercentageStyle(name="pct")
    pstyle.addElement(Number(decimalplaces="1", minintegerdigits="1"))
    pstyle.addElement(NumberText(text="%"))
    doc.automaticstyles.addElement(pstyle)
    cell_pct = Style(name="cpct", family="table-cell", datastylename="pct")
    doc.automaticstyles.addElement(cell_pct)
    table = Table(name=grid.sheet)
    first = {(m[0], m[1]): m for m in grid.merges}
    covered = {(r, c) for r1, c1, r2, c2 in grid.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(grid.rows):
        tr = TableRow()
        for c, value in enumerate(row):
            if (r, c) in covered and (r, c) not in first:
                tr.addElement(CoveredTableCell())
                continue
            attrs: dict[str, object] = {}
            m = first.get((r, c))
            if m is not None:
                attrs["numberrowsspanned"] = str(m[2] - m[0] + 1)
                attrs["numbercolumnsspanned"] = str(m[3] - m[1] + 1)
            if isinstance(value, float):
                if (r, c) in grid.percent:
                    cell = TableCell(valuetype="percentage", value=str(value), stylename=cell_pct, **attrs)
                else:
                    cell = TableCell(valuetype="float", value=str(value), **attrs)
                cell.addElement(P(text=grid.display_text(r, c)))
            elif value is None:
                cell = TableCell(**attrs)
            else:
                cell = TableCell(valuetype="string", **attrs)
                cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def csv_text(grid: ReturnGrid | None = None, delimiter: str = ",") -> str:
    grid = grid or example_force_return_grid()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for r, row in enumerate(grid.rows):
        writer.writerow([grid.display_text(r, c) for c in range(len(row))])
    return out.getvalue()


def write_csv(path: Path, grid: ReturnGrid | None = None, encoding: str = "cp1252", delimiter: str = ",") -> Path:
    """What "Save as CSV" in Excel on Windows gives: Windows-1252 (or UTF-8 with BOM), texts as shown."""
    text = csv_text(grid, delimiter)
    if encoding == "utf-8-sig":
        path.write_bytes(text.encode("utf-8-sig"))
    else:
        path.write_bytes(text.encode(encoding))
    return path


def write_protected_xlsx(path: Path, password: str = PASSWORD, grid: ReturnGrid | None = None) -> Path:
    """The .xlsx encrypted with a password (Agile encryption, as Excel does), via msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_example_force_return(path.with_name(path.stem + "-plain.xlsx"), grid)
    out = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt(password, out)
    path.write_bytes(out.getvalue())
    plain.unlink()
    return path


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods, "csv": write_csv}
