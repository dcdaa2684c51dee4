"""The performance part of the HTML copy: details, what needs attention, the objectives, the legend.

The same content, order and wording as the workbook's Cover, Summary and
objective sheets (see :mod:`pccdesk.indicators.summary_sheets` and
:mod:`pccdesk.indicators.performance_sheets`), written through
:class:`pccdesk.writers.html_pack.HtmlPack`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pccdesk.indicators.assessment import IndicatorResult, status_counts
from pccdesk.indicators.pack_figures import (
    DIRECTION_SYMBOLS,
    MOVEMENT_LEGEND,
    Figure,
    change_figure,
    half_width_figure,
    level_figure,
)
from pccdesk.indicators.performance_sheets import indicator_notes
from pccdesk.indicators.spc_sheets import has_spc, spc_texts
from pccdesk.indicators.status_rules import Status
from pccdesk.indicators.summary_sheets import STATUS_LEGEND, SUMMARY_INTRO, CoverDetails, is_exception
from pccdesk.spc.icons import SPC_LEGEND, SPECIAL_CAUSE_TEXT
from pccdesk.writers.html_pack import Cell, HtmlPack, anchor, figure_text, sparkline_svg
from pccdesk.writers.pack_workbook import STATUS_SYMBOLS


def _figure(fig: Figure | None, fallback: str = "") -> Cell:
    return Cell(figure_text(fig.value, fig.num_format) if fig else fallback, number=True)


def _status(result: IndicatorResult) -> Cell:
    status = result.status.value
    return Cell(f"{STATUS_SYMBOLS[status]} {status}", status=status)


def row_id(result: IndicatorResult) -> str:
    return "indicator-" + anchor(result.ref)


def write_front(html: HtmlPack, details: CoverDetails) -> None:
    html.section("About this pack", sheet=False)
    html.details(details.rows())


def write_summary(html: HtmlPack, results: Sequence[IndicatorResult], comments: Mapping[str, str]) -> None:
    html.section("Summary: what needs attention")
    with_spc = any(has_spc(r) for r in results)
    html.paragraph(SUMMARY_INTRO.format(spc=", or shows an SPC Concern" if with_spc else ""))
    rows: list[list[Cell | str | None]] = []
    for r in results:
        if not is_exception(r):
            continue
        current = r.current
        rows.append([
            Cell(r.ref, href=row_id(r), row_header=True), r.indicator.wording, _status(r),
            *(spc_texts(r) if with_spc else ()),
            _figure(level_figure(current.value if current else None, r.indicator, current.text if current else "")),
            _figure(level_figure(r.indicator.target, r.indicator, r.indicator.target_text)),
            _figure(change_figure(r)), DIRECTION_SYMBOLS[r.change.direction],
            Cell(r.commentary.strip() or "None given", notes=True),
            Cell(comments.get(r.ref, "").strip() or "None yet", notes=True)])
    if rows:
        html.table("Indicators that are Red or Amber, or have deteriorated significantly",
                   ["Ref", "Indicator", "Status", *(SPC_HEADERS if with_spc else []), "Current", "Target", "Change",
                    "Movement", "Force commentary", "OPCC comment"], rows)
    else:
        html.paragraph("No indicator is Red or Amber, and none has deteriorated significantly.")
    counts = status_counts(results)
    objective_ids = _objective_ids(results)
    count_rows: list[list[Cell | str | None]] = []
    for number, (objective, per) in enumerate(counts.items(), start=1):
        count_rows.append([Cell(f"{number} {objective}", href=objective_ids[objective], row_header=True),
                           *(Cell(str(per[s]), number=True) for s in Status),
                           Cell(str(sum(per.values())), number=True)])
    count_rows.append([Cell("All objectives", row_header=True),
                       *(Cell(str(sum(p[s] for p in counts.values())), number=True) for s in Status),
                       Cell(str(sum(sum(p.values()) for p in counts.values())), number=True)])
    html.table("Status by objective (headings of grouped measures are not counted; each sub-measure is)",
               ["Objective", *(s.value for s in Status), "Total"], count_rows)


SPC_HEADERS = ["Variation (SPC)", "Assurance (SPC)"]


def _objective_ids(results: Sequence[IndicatorResult]) -> dict[str, str]:
    objectives = list(dict.fromkeys(r.indicator.objective for r in results))
    return {o: f"objective-{n}" for n, o in enumerate(objectives, start=1)}


def write_objectives(html: HtmlPack, results: Sequence[IndicatorResult], comments: Mapping[str, str]) -> None:
    objectives: dict[str, list[IndicatorResult]] = {}
    for item in results:
        objectives.setdefault(item.indicator.objective, []).append(item)
    for number, (objective, rows) in enumerate(objectives.items(), start=1):
        html.section(f"Objective {number}: {objective}", ident=f"objective-{number}")
        with_hw = any(half_width_figure(r.current, r.indicator) for r in rows)
        with_trend = any(len(r.history) >= 3 for r in rows if not r.is_heading)
        with_spc = any(has_spc(r) for r in rows)
        headers = ["No.", "Indicator", "Previous", "Period", "Current", *(["± (95% CI)"] if with_hw else []),
                   "Period", "Target", "Status", *(SPC_HEADERS if with_spc else []), "Change", "Movement",
                   *(["Trend"] if with_trend else []),
                   "Commentary and notes"]
        table_rows: list[list[Cell | str | None]] = []
        ids: list[str | None] = []
        classes: list[str] = []
        for r in rows:
            ind = r.indicator
            ids.append(row_id(r))
            if r.is_heading:
                table_rows.append([Cell(ind.ref, row_header=True), ind.wording])
                classes.append("heading")
                continue
            classes.append("")
            prev, cur = r.previous, r.current
            cells: list[Cell | str | None] = [
                Cell(ind.ref, row_header=True), ind.wording,
                _figure(level_figure(prev.value if prev else None, ind, prev.text if prev else ""),
                        "n/a" if prev is not None and prev.text.strip() else ""),
                r.previous_period,
                _figure(level_figure(cur.value if cur else None, ind, cur.text if cur else ""),
                        "n/a" if cur is not None and cur.text.strip() else "")]
            if with_hw:
                cells.append(_figure(half_width_figure(cur, ind)))
            cells += [r.current_period, _figure(level_figure(ind.target, ind, ind.target_text)), _status(r),
                      *(spc_texts(r) if with_spc else ()), _figure(change_figure(r)),
                      DIRECTION_SYMBOLS[r.change.direction]]
            if with_trend:
                cells.append(_trend(r))
            cells.append(Cell(indicator_notes(r, comments.get(ind.ref, "")), notes=True))
            table_rows.append(cells)
        html.table(f"Indicators of objective {number}: {objective}", headers, table_rows, row_ids=ids,
                   row_classes=classes)
        html.paragraph("Status is shown by word and symbol as well as colour. Change for percentages is in "
                       "percentage points (pp). 'No significant change' means the change is within the combined "
                       "95% confidence intervals.")


def _trend(result: IndicatorResult) -> Cell:
    if len(result.history) < 3:
        return Cell("")
    texts, values = [], []
    for point in result.history:
        fig = level_figure(point.value, result.indicator, point.text)
        if fig is None:
            continue
        values.append(float(fig.value))
        texts.append(f"{point.reporting_period} {figure_text(fig.value, fig.num_format)}")
    return Cell("", markup=sparkline_svg(result.ref, values, texts))


def write_legend(html: HtmlPack, with_spc: bool = False) -> None:
    html.section("How to read this pack", sheet=False)
    html.table("Status", ["Status", "Meaning"],
               [[Cell(f"{STATUS_SYMBOLS[s]} {s}", status=s, row_header=True), meaning] for s, meaning in STATUS_LEGEND])
    html.table("Movement and direction", ["Symbol", "Meaning"],
               [[Cell(f"{symbol} {word}", row_header=True), meaning] for symbol, word, meaning in MOVEMENT_LEGEND])
    if with_spc:
        html.table("How to read variation and assurance (SPC)", ["Word and symbol", "Meaning"],
                   [[Cell(word, row_header=True), meaning] for word, meaning in SPC_LEGEND])
        html.paragraph(SPECIAL_CAUSE_TEXT)
    html.paragraph("Colour is never the only signal: every status, movement, variation and assurance is written "
                   "as a word.")
