"""The front of the pack: the Cover (details, linked contents, legend) and the Summary (exceptions first).

A panel reads a performance report from what needs attention: like the
integrated performance reports of NHS trusts, the Summary opens with every
indicator that is Red or Amber or has deteriorated significantly, with its
figures, the force's commentary and the OPCC's comment, each linked to its
objective sheet; the counts by objective follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from xlsxwriter.worksheet import Worksheet

from pccdesk.indicators.assessment import IndicatorResult, status_counts
from pccdesk.indicators.pack_figures import DIRECTION_SYMBOLS, MOVEMENT_LEGEND, change_figure, level_figure
from pccdesk.indicators.spc_sheets import SPC_COLUMN, SPC_SHEET, has_spc, spc_cell
from pccdesk.indicators.status_rules import Direction, Status
from pccdesk.records import record
from pccdesk.spc.icons import SPC_LEGEND, SPECIAL_CAUSE_TEXT, Variation
from pccdesk.writers.pack_workbook import (
    STATUS_SYMBOLS,
    Column,
    PackWorkbook,
    excel_safe_sheet_name,
    fit_widths,
)

STATUS_LEGEND = (("Green", "meets the target"),
                 ("Amber", "misses the target by no more than the plan's amber margin"),
                 ("Red", "misses the target by more than the amber margin"),
                 ("No target", "monitored only, or no target set"),
                 ("No data", "no figure was received"))


@record(frozen=True)
class CoverDetails:
    title: str
    plan_name: str
    period: str
    meeting_date: str
    marking: str
    sources: Sequence[str]
    force: str = ""

    def rows(self, today: dt.date | None = None) -> list[tuple[str, str]]:
        """The "About this pack" lines, the same on the Cover and in the HTML copy."""
        return [
            ("Indicator definitions", self.plan_name),
            ("Reporting period", self.period),
            ("Meeting date", self.meeting_date or "Not set"),
            ("Protective marking", self.marking),
            ("Prepared", f"{today or dt.date.today():%d %B %Y} with pccdesk"),
            ("Figures from", "; ".join(self.sources) or "No returns given"),
        ]


def objective_sheet_names(objectives: Sequence[str]) -> dict[str, str]:
    """Each objective's sheet name ("1 Putting Victims First"), as the objective sheets are named."""
    taken = {"Cover", "Summary"}
    return {o: excel_safe_sheet_name(f"{n} {o}", taken) for n, o in enumerate(objectives, start=1)}


def is_exception(result: IndicatorResult) -> bool:
    """What the Summary lists first: Red or Amber, a significant deterioration, or an SPC Concern."""
    if result.is_heading:
        return False
    concern = has_spc(result) and result.spc is not None and result.spc.variation is Variation.CONCERN
    return result.status in (Status.RED, Status.AMBER) or result.change.direction is Direction.DETERIORATED \
        or concern


#: Height of a portrait A4 page inside the Cover's 0.75-inch top and bottom margins, in points.
COVER_PAGE_POINTS = (11.69 - 2 * 0.75) * 72


def cover_height_points(sheet: Worksheet, rows: int) -> float:
    """The printed height of the first ``rows`` rows: each row's set height, or the default (15 pt)."""
    px = sum((sheet.row_sizes.get(r) or [sheet.default_row_height])[0] for r in range(rows))
    return float(px) * 0.75  # xlsxwriter keeps row heights in pixels, 96 to the inch


def write_cover(pack: PackWorkbook, details: CoverDetails, contents: Sequence[str] = ()) -> None:
    """The Cover. Its contents (linked to every sheet) and legend are written once every sheet exists."""
    del contents  # the contents are the sheets themselves, read when the pack is closed
    sheet = pack.add_sheet("Cover", landscape=False)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 62)
    pack.text(sheet, 0, 0, details.marking, pack.fmt(bold=True, font_color="#C00000"))
    pack.text(sheet, 2, 0, details.title, pack.title_format)
    rows = details.rows()
    for i, (k, v) in enumerate(rows, start=4):
        pack.text(sheet, i, 0, k, pack.fmt(bold=True))
        pack.text(sheet, i, 1, v, pack.fmt(text_wrap=True))
        pack.fit_row_height(sheet, i, [(v, 62)])
    top = 4 + len(rows) + 1

    def contents_and_legend() -> None:
        pack.text(sheet, top, 0, "Contents", pack.subtitle_format)
        r = top + 1
        for name in pack.sheet_names():
            if name == "Cover":
                continue
            pack.link(sheet, r, 1, name, name)
            r += 1
        r += 1
        legend_top = r
        pack.text(sheet, r, 0, "How to read status", pack.subtitle_format)
        for status, meaning in STATUS_LEGEND:
            r += 1
            pack.text(sheet, r, 0, f"{STATUS_SYMBOLS[status]} {status}", pack.status_format(status))
            pack.text(sheet, r, 1, meaning, pack.fmt(text_wrap=True))
        r += 2
        pack.text(sheet, r, 0, "How to read movement", pack.subtitle_format)
        for symbol, word, meaning in MOVEMENT_LEGEND:
            r += 1
            pack.text(sheet, r, 0, f"{symbol} {word}", pack.kind_format("text"))
            pack.text(sheet, r, 1, meaning, pack.fmt(text_wrap=True))
            pack.fit_row_height(sheet, r, [(meaning, 62)])
        if SPC_SHEET in pack.sheet_names():
            r += 2
            pack.text(sheet, r, 0, "How to read variation and assurance (SPC)", pack.subtitle_format)
            r += 1
            sheet.merge_range(r, 0, r, 1, "", pack.fmt(text_wrap=True))
            pack.text(sheet, r, 0, SPECIAL_CAUSE_TEXT, pack.fmt(text_wrap=True))
            pack.fit_row_height(sheet, r, [(SPECIAL_CAUSE_TEXT, 88)])
            for word, meaning in SPC_LEGEND:
                r += 1
                pack.text(sheet, r, 0, word, pack.kind_format("text"))
                pack.text(sheet, r, 1, meaning, pack.fmt(text_wrap=True))
                pack.fit_row_height(sheet, r, [(meaning, 62), (word, 26)])
        r += 2
        pack.text(sheet, r, 0, "Colour is never the only signal: every status, movement, variation and assurance "
                  "is written as a word.", pack.fmt(italic=True))
        # Taller than a page (a long contents, the SPC legend): the legend starts the second page, whole, rather
        # than its last lines printing alone on an almost blank one.
        if cover_height_points(sheet, r + 1) > COVER_PAGE_POINTS:
            sheet.set_h_pagebreaks([legend_top])

    pack.before_close(contents_and_legend)


EXCEPTION_COLUMNS = (
    Column("Ref", 7, "ref"), Column("Indicator", 32, "wrap"), Column("Status", 11, "ref"),
    Column("Current", 9, "figure"), Column("Target", 8, "figure"), Column("Change", 9, "figure"),
    Column("Movement", 14, "wrap"), Column("Force commentary", 30, "wrap"), Column("OPCC comment", 26, "wrap"),
)


SPC_COLUMNS = (SPC_COLUMN,)


def exception_columns(with_spc: bool) -> tuple[Column, ...]:
    """The Summary's columns: with SPC, variation and assurance follow status."""
    if not with_spc:
        return EXCEPTION_COLUMNS
    return EXCEPTION_COLUMNS[:3] + SPC_COLUMNS + EXCEPTION_COLUMNS[3:]


SUMMARY_INTRO = ("Every indicator that is Red or Amber, or has deteriorated significantly since the previous figure"
                 "{spc}. The counts of each status by objective follow.")


def write_summary(pack: PackWorkbook, results: Sequence[IndicatorResult],
                  opcc_comments: Mapping[str, str] | None = None) -> None:
    """Exceptions first (linked to their objective sheets), then the counts of each status by objective."""
    comments = opcc_comments or {}
    sheet = pack.add_sheet("Summary")
    names = objective_sheet_names(list(dict.fromkeys(r.indicator.objective for r in results)))
    with_spc = any(has_spc(r) for r in results)
    columns = exception_columns(with_spc)
    widths = fit_widths(columns, True)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    pack.text(sheet, 0, 0, "Summary: what needs attention", pack.title_format)
    pack.text(sheet, 1, 0, SUMMARY_INTRO.format(spc=", or shows an SPC Concern" if with_spc else ""),
              pack.fmt(italic=True))
    exceptions = [r for r in results if is_exception(r)]
    for c, col in enumerate(columns):
        pack.text(sheet, 3, c, col.header, pack.header_format)
    pack.fit_row_height(sheet, 3, [(col.header, widths[c]) for c, col in enumerate(columns)])
    shift = len(SPC_COLUMNS) if with_spc else 0
    r = 4
    wrap = pack.kind_format("text")
    for result in exceptions:
        ind = result.indicator
        status = result.status.value
        pack.link(sheet, r, 0, names[ind.objective], ind.ref, tip=f"Go to {ind.ref} on {names[ind.objective]}")
        pack.text(sheet, r, 1, ind.wording, wrap)
        pack.text(sheet, r, 2, f"{STATUS_SYMBOLS[status]} {status}", pack.status_format(status))
        spc = spc_cell(result)
        if with_spc:
            pack.text(sheet, r, 3, spc or None, wrap)
        current = result.current
        figures = (level_figure(current.value if current else None, ind, current.text if current else ""),
                   level_figure(ind.target, ind, ind.target_text), change_figure(result))
        for c, fig in zip((3 + shift, 4 + shift, 5 + shift), figures, strict=True):
            if fig is None:
                sheet.write_blank(r, c, None, pack.kind_format("figure"))
            else:
                sheet.write_number(r, c, fig.value, pack.kind_format("figure", num_format=fig.num_format))
        movement = DIRECTION_SYMBOLS[result.change.direction]
        pack.text(sheet, r, 6 + shift, movement, wrap)
        pack.text(sheet, r, 7 + shift, result.commentary.strip() or "None given", wrap)
        pack.text(sheet, r, 8 + shift, comments.get(ind.ref, "").strip() or "None yet", wrap)
        pack.fit_row_height(sheet, r, [(ind.wording, widths[1]), (movement, widths[6 + shift]),
                                       (result.commentary, widths[7 + shift]),
                                       (comments.get(ind.ref, ""), widths[8 + shift]),
                                       *([(spc, widths[3])] if with_spc else [])])
        r += 1
    if not exceptions:
        pack.text(sheet, r, 1, "No indicator is Red or Amber, and none has deteriorated significantly"
                  f"{' or shows an SPC Concern' if with_spc else ''}.", wrap)
        r += 1
    _write_counts(pack, sheet, r + 1, results, names, widths[1])


def _write_counts(pack: PackWorkbook, sheet: Worksheet, top: int, results: Sequence[IndicatorResult],
                  names: Mapping[str, str], name_width: float) -> None:
    """Counts by objective: the objective's number (linked) in column A, its name in B, the counts across."""
    # A page of its own: after a page of exceptions the heading printed alone at its foot, the table overleaf.
    sheet.set_h_pagebreaks([top])
    pack.text(sheet, top, 0, "Status by objective", pack.subtitle_format)
    header = ["No.", "Objective"] + [s.value for s in Status] + ["Total"]
    for c, text in enumerate(header):
        pack.text(sheet, top + 1, c, text, pack.header_format)
    pack.fit_row_height(sheet, top + 1, [(text, 9) for text in header])
    counts = status_counts(results)
    r = top + 2
    for number, (objective, per) in enumerate(counts.items(), start=1):
        pack.link(sheet, r, 0, names[objective], str(number))
        pack.text(sheet, r, 1, objective, pack.kind_format("text"))
        pack.fit_row_height(sheet, r, [(objective, name_width)])
        for c, s in enumerate(Status, start=2):
            sheet.write_number(r, c, per[s], pack.kind_format("integer"))
        sheet.write_number(r, 2 + len(Status), sum(per.values()), pack.kind_format("integer"))
        r += 1
    bold = pack.kind_format("integer", bold=True)
    pack.text(sheet, r, 0, "", pack.kind_format("text", bold=True))
    pack.text(sheet, r, 1, "All objectives", pack.kind_format("text", bold=True))
    for c, s in enumerate(Status, start=2):
        sheet.write_number(r, c, sum(per[s] for per in counts.values()), bold)
    sheet.write_number(r, 2 + len(Status), sum(sum(per.values()) for per in counts.values()), bold)
    pack.text(sheet, r + 2, 0, "Headings of grouped measures are not counted; each sub-measure is.",
              pack.fmt(italic=True))
