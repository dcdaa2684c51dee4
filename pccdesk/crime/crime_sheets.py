"""The recorded-crime sheets of the panel pack: one per area (the force first) and the ``Crime`` data table.

Laid out like the seed's "Comparison of crime" tables: category, the two
periods' counts (``#,##0``), the change (``+2,736``) and the % change
(``+13%``, or ``n/a`` from a zero baseline). Every rise or fall is written as
a word with a symbol (``▲ Up`` / ``▼ Down``) so colour is never the only
signal; colour itself is a per-category setting of the category list, off by
default, because a rise in recorded crime is not automatically bad (better
recording, more reporting). The force's sheet carries a native Excel bar chart
of % change by category.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pccdesk.crime.categories import CategoryList
from pccdesk.crime.crime_model import CrimeRow, CrimeTable
from pccdesk.crime.force_identity import force_label, short_force_name
from pccdesk.writers.pack_workbook import Column, PackWorkbook

CRIME_COLUMNS = (
    Column("Area", 22), Column("Category", 30), Column("Current", 12, "integer"),
    Column("Previous", 12, "integer"), Column("Change", 12, "signed"), Column("Change %", 12, "percent"),
    Column("Current period", 24), Column("Previous period", 24),
)
DIRECTION_WORDS = {"Up": "▲ Up", "Down": "▼ Down", "Same": "= No change", "": "–"}
#: Okabe–Ito based fills, lightened: used only where the category list asks for colour.
WORSE_FILL = "#F4B6A6"
BETTER_FILL = "#B8E0C8"


def sheet_title(table: CrimeTable) -> str:
    return f"Crime {table.area}" if not table.is_force else f"Crime {table.area} (force)"


#: Excel's longest sheet name.
SHEET_NAME_LIMIT = 31


def sheet_titles(tables: list[CrimeTable]) -> list[str]:
    """The sheet name of each table. With several forces in one workbook every name starts with its force's
    short name ("Durham - Outside area", "Merseyside - Outside area"), so that names cut to Excel's 31
    characters stay unique and say whose they are; the longer wordings are tried first."""
    if sum(1 for t in tables if t.is_force) <= 1:
        return [sheet_title(t) for t in tables]
    wordings: list[list[str]] = []
    force = ""
    for table in tables:
        if table.is_force:
            force = short_force_name(table.area)
            wordings.append([f"Crime {force} (force)", f"{force} (force)", force])
        else:
            area = _area_label(table.area)
            wordings.append([f"Crime {force} - {area}", f"{force} - {area}", f"{force} {area}",
                             f"{_initials(force)} - {area}"])
    # one style for the workbook: "Crime " only when every name has room for it
    start = 0 if all(_fits(w[0]) for w in wordings) else 1
    return [next((c for c in w[start:] if _fits(c)), w[-1]) for w in wordings]


def _area_label(area: str) -> str:
    """An area's own part of its name: "Outside the force area: Durham Constabulary" → "Outside area"."""
    from pccdesk.crime.extract_counting import NO_LOCATION, OUTSIDE

    for special, short in ((OUTSIDE, "Outside area"), (NO_LOCATION, "No location")):
        if area == special or area.startswith(special + ":"):
            return short
    return area


def _initials(name: str) -> str:
    """ "Devon and Cornwall" → "DC": the last resort for a long force name beside a long area name."""
    return "".join(w[0].upper() for w in name.split() if w.lower() not in ("and", "of", "the")) or name


def _fits(name: str) -> bool:
    return len(name.encode("utf-16-le")) // 2 <= SHEET_NAME_LIMIT


def direction_fill(row: CrimeRow, colour: str) -> str | None:
    """The fill for a row's change under its category's colour setting, or None (the default: no colour)."""
    if colour == "off" or row.direction not in ("Up", "Down"):
        return None
    up_is_bad = colour == "increase-bad"
    worse = (row.direction == "Up") == up_is_bad
    return WORSE_FILL if worse else BETTER_FILL


def write_area_sheets(pack: PackWorkbook, tables: list[CrimeTable], categories: CategoryList, title: str) -> None:
    """One presentation sheet per table, in the given order (the force's first)."""
    for table, name in zip(tables, sheet_titles(tables), strict=True):
        sheet = pack.add_sheet(name, repeat_rows=(3, 3))
        first = table.rows[0] if table.rows else None
        pack.text(sheet, 0, 0, f"Recorded crime: {force_label(table.area) if table.is_force else table.area}",
                  pack.title_format)
        if first is not None:
            pack.text(sheet, 1, 0, f"{title}: {first.current_period} compared with {first.previous_period}",
                      pack.fmt(italic=True))
        widths = (32, 18, 18, 12, 12, 14)
        headers = ("Category", first.current_period if first else "Current",
                   first.previous_period if first else "Previous", "Change", "Change %", "Up or down")
        for c, (head, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(c, c, width)
            pack.text(sheet, 3, c, head, pack.header_format)
        pack.fit_row_height(sheet, 3, list(zip(headers, widths, strict=True)))
        for i, row in enumerate(table.rows):
            r = 4 + i
            fill = direction_fill(row, categories.colour(row.category))
            extra = {"bg_color": fill} if fill else {}
            bold = {"bold": True} if row.category.lower().startswith("total") else {}
            pack.text(sheet, r, 0, row.category, pack.kind_format("text", **bold))
            for c, value in ((1, row.current), (2, row.previous)):
                if value is None:
                    pack.text(sheet, r, c, "n/a", pack.kind_format("text", align="right"))
                else:
                    sheet.write_number(r, c, value, pack.kind_format("integer", **bold))
            if row.change is None:
                pack.text(sheet, r, 3, "n/a", pack.kind_format("text", align="right", **extra))
            else:
                sheet.write_number(r, 3, row.change, pack.kind_format("signed", **extra, **bold))
            pct = row.change_percent
            if pct is None:
                pack.text(sheet, r, 4, "n/a", pack.kind_format("text", align="right", **extra))
            else:
                sheet.write_number(r, 4, pct, pack.kind_format("signed_percent", **extra, **bold))
            pack.text(sheet, r, 5, DIRECTION_WORDS[row.direction], pack.kind_format("text", **extra))
        last = 4 + len(table.rows)
        note = ("Change and % change are worked out from the counts; n/a where a count is missing or the "
                "previous count is 0. ▲ Up / ▼ Down: a rise is not necessarily worse (recording and reporting "
                "change too).")
        note_format = pack.fmt(italic=True, font_size=10, text_wrap=True)
        sheet.merge_range(last + 1, 0, last + 1, len(widths) - 1, "", note_format)
        pack.text(sheet, last + 1, 0, note, note_format)
        sheet.set_row(last + 1, 26)
        if table.is_force and table.rows:
            _chart(pack, sheet, table, last)


def _chart(pack: PackWorkbook, sheet: Worksheet, table: CrimeTable, last: int) -> None:
    """A native bar chart of the force's % change by category, beside the table."""
    chart = pack.book.add_chart({"type": "bar"})
    name = sheet.name
    quoted = "'" + name.replace("'", "''") + "'"
    chart.add_series({
        "name": "% change",
        "categories": f"={quoted}!$A$5:$A${last}",
        "values": f"={quoted}!$E$5:$E${last}",
        "fill": {"color": "#0072B2"},
        "data_labels": {"value": True, "num_format": "+0%;-0%;0%"},
    })
    chart.set_title({"name": f"% change by category: {table.area}"})
    chart.set_x_axis({"num_format": "+0%;-0%;0%", "name": "% change"})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 620, "height": 380})
    # Below the table, so the page keeps the table's width (and its print size); the alternative text
    # gives a screen reader the figures the bars show.
    shown = "; ".join(f"{r.category} {r.change_percent:+.0%}" for r in table.rows if r.change_percent is not None)
    # The table and the chart together are taller than an A4 page: the chart starts the next page, or it
    # printed cut in half across two.
    sheet.set_h_pagebreaks([last + 2])
    sheet.insert_chart(last + 3, 0, chart, {
        "description": f"Bar chart of the % change in recorded crime by category, {table.area}: {shown}",
        "decorative": False})


def crime_rows(tables: list[CrimeTable]) -> list[list[object]]:
    """Rows of the ``Crime`` data table: counts as given, change and % change recomputed."""
    rows: list[list[object]] = []
    for table in tables:
        for row in table.rows:
            rows.append([row.area, row.category, row.current, row.previous, row.change, row.change_percent,
                         row.current_period, row.previous_period])
    return rows


def write_crime_table(pack: PackWorkbook, tables: list[CrimeTable]) -> None:
    pack.data_table("Crime", CRIME_COLUMNS, crime_rows(tables),
                    "Recorded crime: counts by area and category (change recomputed from the counts)")
