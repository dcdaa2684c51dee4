"""The pack as one self-contained, accessible HTML page, for the OPCC's website.

Public bodies must publish accessible documents (the Public Sector Bodies
Accessibility Regulations 2018, WCAG 2.2 AA); a spreadsheet attachment alone
is not that. The page carries the same content as the workbook: ``lang``
en-GB, landmarks (header, nav, main, footer), a contents list, a ``<caption>``
and ``<th scope>`` on every table, statuses as word and symbol (colour is
never the only signal), charts as inline SVG with a title and a description,
and a print stylesheet for A4.

Everything from an input is escaped with :func:`html.escape`; the page has no
script, no external resource and no link leaving it. Numbers are formatted from
the same value and number format the workbook uses (:func:`figure_text`), so
the page and the workbook say the same thing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from pccdesk.records import record
from pccdesk.writers.pack_workbook import LANGUAGE, STATUS_FILLS
from pccdesk.writers.safe_output import atomic_output

CSS = """
:root { --ink: #1a1a1a; --navy: #1F3864; }
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 1rem; line-height: 1.45; color: var(--ink);
       margin: 0 auto; max-width: 80rem; padding: 0 1rem; }
.marking { font-weight: bold; color: #A00000; }
h1 { font-size: 1.8rem; margin: .5rem 0; } h2 { font-size: 1.4rem; color: var(--navy); margin-top: 2rem; }
h3 { font-size: 1.15rem; color: var(--navy); }
a { color: var(--navy); }
a:focus { outline: 3px solid #E69F00; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #8c8c8c; padding: .3rem .45rem; vertical-align: top; text-align: left; }
thead th { background: var(--navy); color: #fff; }
tbody th { font-weight: normal; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.heading th, tr.heading td { background: #F2F2F2; font-weight: bold; }
.notes { white-space: pre-line; }
dl.details { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.details dt { font-weight: bold; }
figure { margin: 1rem 0; } figcaption { font-style: italic; }
.skip { position: absolute; left: -999px; } .skip:focus { position: static; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  nav, .skip { display: none; }
  section.sheet { break-before: page; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


@record(frozen=True)
class Cell:
    """One table cell: its text, and how it is shown (a number right-aligned, a status with its fill, a link)."""

    text: str
    number: bool = False
    status: str = ""
    href: str = ""
    row_header: bool = False
    notes: bool = False
    #: markup made by this package (a sparkline), shown after the text; never input text
    markup: str = ""


CellLike = Cell | str | None


def figure_text(value: float | int | None, num_format: str) -> str:
    """A number as the workbook's number format shows it (the formats the pack writes, not every Excel format).

    Sections are ``positive;negative;zero``; a quoted part is literal text; ``%`` multiplies by 100;
    ``#,##0`` groups thousands; the count of ``0`` after the point is the number of decimals.
    """
    if value is None:
        return ""
    sections = _split_sections(num_format)
    if value == 0 and len(sections) >= 3:
        section = sections[2]
    elif value < 0 and len(sections) >= 2:
        section, value = sections[1], -value
    else:
        section = sections[0]
    literal = "".join(re.findall(r'"([^"]*)"', section))
    if re.fullmatch(r'("[^"]*")+', section.strip()):
        return literal
    pattern = re.sub(r'"[^"]*"', "\x00", section)
    match = re.search(r"[#0][#0,]*(?:\.(0+))?", pattern)
    decimals = len(match.group(1) or "") if match else 0
    number = float(value) * (100 if "%" in pattern else 1)
    grouped = "," in (match.group(0) if match else "")
    body = f"{number:,.{decimals}f}" if grouped else f"{number:.{decimals}f}"
    if match is None:
        return pattern.replace("\x00", literal)
    text = pattern[:match.start()] + body + pattern[match.end():]
    pieces = iter(re.findall(r'"([^"]*)"', section))
    return re.sub("\x00", lambda _: next(pieces, ""), text)


def _split_sections(num_format: str) -> list[str]:
    sections, current, quoted = [], "", False
    for ch in num_format:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def anchor(text: str) -> str:
    """A stable id for a heading or a row (letters, digits and hyphens)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "part"


class HtmlPack:
    """Collects the pack's sections and writes the page. Sections add to it through :meth:`section`."""

    def __init__(self, title: str, period: str, marking: str):
        self.title = title
        self.period = period
        self.marking = marking
        self._body: list[str] = []
        self._contents: list[tuple[str, str]] = []
        self._ids: set[str] = set()

    def unique_id(self, text: str) -> str:
        base = anchor(text)
        candidate, n = base, 2
        while candidate in self._ids:
            candidate, n = f"{base}-{n}", n + 1
        self._ids.add(candidate)
        return candidate

    def section(self, heading: str, *, sheet: bool = True, in_contents: bool = True, ident: str = "") -> str:
        """Start a section (a new printed page) with an ``h2``; returns its id (``ident`` when given)."""
        ident = self.unique_id(ident or heading)
        if self._body:
            self._body.append("</section>")
        self._body.append(f'<section class="{"sheet" if sheet else "part"}" id="{ident}" '
                          f'aria-labelledby="{ident}-h"><h2 id="{ident}-h">{esc(heading)}</h2>')
        if in_contents:
            self._contents.append((ident, heading))
        return ident

    def heading(self, text: str, level: int = 3) -> None:
        self._body.append(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, cls: str = "") -> None:
        self._body.append(f'<p{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>{esc(text)}</p>')

    def details(self, pairs: Sequence[tuple[str, str]]) -> None:
        items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in pairs)
        self._body.append(f'<dl class="details">{items}</dl>')

    def raw(self, markup: str) -> None:
        """Markup made by this package (SVG charts); never input text."""
        self._body.append(markup)

    def table(self, caption: str, headers: Sequence[str], rows: Sequence[Sequence[CellLike]], *,
              row_ids: Sequence[str | None] | None = None, row_classes: Sequence[str] | None = None) -> None:
        """A data table: caption, a header row of ``th scope="col"``, cells; a row-header cell is ``th scope="row"``."""
        out = [f"<table><caption>{esc(caption)}</caption><thead><tr>"]
        out += [f'<th scope="col">{esc(h)}</th>' for h in headers]
        out.append("</tr></thead><tbody>")
        for i, row in enumerate(rows):
            rid = row_ids[i] if row_ids and row_ids[i] else None
            cls = row_classes[i] if row_classes and row_classes[i] else ""
            attrs = (f' id="{rid}"' if rid else "") + (f' class="{cls}"' if cls else "")
            out.append(f"<tr{attrs}>")
            for c in range(len(headers)):
                out.append(self._cell(row[c] if c < len(row) else None))
            out.append("</tr>")
        out.append("</tbody></table>")
        self._body.append("".join(out))

    def _cell(self, cell: CellLike) -> str:
        if cell is None:
            return "<td></td>"
        if isinstance(cell, str):
            cell = Cell(cell)
        classes = []
        style = ""
        if cell.number:
            classes.append("num")
        if cell.notes:
            classes.append("notes")
        if cell.status:
            style = f' style="background:{STATUS_FILLS.get(cell.status, "#FFFFFF")}"'
        content = esc(cell.text)
        if cell.href:
            content = f'<a href="#{esc(cell.href)}">{content}</a>'
        content += cell.markup
        cls = f' class="{" ".join(classes)}"' if classes else ""
        if cell.row_header:
            return f'<th scope="row"{cls}{style}>{content}</th>'
        return f"<td{cls}{style}>{content}</td>"

    def render(self) -> str:
        contents = "".join(f'<li><a href="#{ident}">{esc(text)}</a></li>' for ident, text in self._contents)
        body = "".join(self._body) + ("</section>" if self._body else "")
        title = f"{self.title}: {self.period}" if self.period and self.period not in self.title else self.title
        return (f'<!DOCTYPE html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
                '<a class="skip" href="#main">Skip to the contents of the pack</a>'
                f'<header><p class="marking">{esc(self.marking)}</p><h1>{esc(title)}</h1></header>'
                f'<nav aria-label="Contents"><h2>Contents</h2><ol>{contents}</ol></nav>'
                f'<main id="main">{body}</main>'
                f'<footer><p class="marking">{esc(self.marking)}</p></footer></body></html>\n')

    def write(self, path: Path) -> Path:
        with atomic_output(path) as tmp:
            tmp.write_text(self.render(), encoding="utf-8")
        return path


def bar_chart_svg(title: str, labels: Sequence[str], values: Sequence[float], value_format: str,
                  description: str) -> str:
    """A horizontal bar chart as inline SVG with a title and a description (the figures, for a screen reader)."""
    height = 28 * len(values) + 40
    width, left, right = 760, 260, 80
    span = max((abs(v) for v in values), default=1.0) or 1.0
    has_negative = any(v < 0 for v in values)
    zero = left + ((width - left - right) / 2 if has_negative else 0)
    scale = (width - left - right) / (2 * span if has_negative else span)
    ident = anchor(title)
    parts = [f'<figure><svg role="img" aria-labelledby="{ident}-t {ident}-d" width="100%" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
             f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(description)}</desc>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 20 + i * 28
        x = zero if value >= 0 else zero + value * scale
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="13">{esc(label)}</text>'
                     f'<rect x="{x:.1f}" y="{y}" width="{abs(value) * scale:.1f}" height="20" fill="#0072B2"/>'
                     f'<text x="{(x + abs(value) * scale + 6) if value >= 0 else (x - 6):.1f}" y="{y + 15}" '
                     f'font-size="13" text-anchor="{"start" if value >= 0 else "end"}">'
                     f"{esc(figure_text(value, value_format))}</text>")
    parts.append(f'<line x1="{zero}" x2="{zero}" y1="12" y2="{height - 12}" stroke="#1a1a1a"/></svg>'
                 f"<figcaption>{esc(title)}</figcaption></figure>")
    return "".join(parts)


def sparkline_svg(label: str, values: Sequence[float], texts: Sequence[str]) -> str:
    """A small line of an indicator's values by period, with its values as the text alternative."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    points = " ".join(f"{4 + i * 72 / (len(values) - 1):.1f},{22 - (v - low) / spread * 18:.1f}"
                      for i, v in enumerate(values))
    alt = f"Trend of {label}: " + ", ".join(texts)
    return (f'<svg role="img" aria-label="{esc(alt)}" width="80" height="26" viewBox="0 0 80 26" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{esc(alt)}</title>'
            f'<polyline points="{points}" fill="none" stroke="#1F3864" stroke-width="2"/></svg>')
