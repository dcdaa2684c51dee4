"""The history chart: one indicator's values by reporting period, with its target line — an XmR chart
(mean, process limits, special-cause points, variation and assurance) once there are enough points.

Drawn with QPainter in a small widget. QtCharts is not part of
PySide6-Essentials (the project depends on Essentials to keep the Windows
bundle small), and pyqtgraph would add numpy-heavy plotting for one line
chart of a handful of quarterly points. Colours come from the palette, so the
chart follows the system's light or dark theme; the target is a dashed line
and is also named in words, and every point carries its value as text, so
nothing depends on colour. With SPC (:class:`pccdesk.spc.IndicatorSpc` available)
the mean is a solid thin line, the process limits dotted lines, and each
special-cause point a larger ring (orange for concern, blue for improvement,
grey otherwise) with the variation and assurance written above the plot.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:  # SPC is imported with the review's results, not before the window's first paint
    from pccdesk.spc import IndicatorSpc
    from pccdesk.spc.icons import Variation

#: Making Data Count's colours: orange for concern, blue for improvement (the ring's size says "special" too),
#: by the name of the :class:`~pccdesk.spc.icons.Variation`.
VARIATION_COLOURS = {"CONCERN": "#e46c0a", "IMPROVEMENT": "#0b57d0", "NEITHER": "#7f7f7f"}


@dataclass(frozen=True)
class SpcOverlay:
    """Per chart point (by index): the process limits and the special-cause variation, or None."""

    mean: list[float | None]
    lower: list[float | None]
    upper: list[float | None]
    special: list[Variation | None]
    summary: str


def spc_overlay(spc: IndicatorSpc | None, periods: list[str]) -> SpcOverlay | None:
    """The XmR chart lined up with the chart's periods (by period name, else from the latest backwards)."""
    if spc is None or not spc.available or spc.chart is None or not spc.chart.points:
        return None
    n = len(periods)
    index: dict[int, int] = {}
    if spc.periods and len(spc.periods) == len(spc.chart.points):
        where = {p: i for i, p in enumerate(periods)}
        index = {where[p]: k for k, p in enumerate(spc.periods) if p in where}
    if not index:
        m = min(n, len(spc.chart.points))
        index = {n - m + j: len(spc.chart.points) - m + j for j in range(m)}
    mean: list[float | None] = [None] * n
    lower: list[float | None] = [None] * n
    upper: list[float | None] = [None] * n
    special: list[Variation | None] = [None] * n
    for i, k in index.items():
        point = spc.chart.points[k]
        mean[i], lower[i], upper[i] = point.limits.mean, point.limits.lower, point.limits.upper
        special[i] = point.variation if point.special_cause is not None else None
    summary = "Variation: " + spc.variation_text if spc.variation_text else ""
    if spc.assurance_text:
        summary += ("; " if summary else "") + "Assurance: " + spc.assurance_text
    return SpcOverlay(mean, lower, upper, special, summary)


@dataclass(frozen=True)
class ChartPoint:
    period: str
    value: float
    text: str = ""


def nice_step(span: float, steps: int = 4) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``steps`` intervals."""
    raw = span / steps if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def nice_range(values: list[float]) -> tuple[float, float, float]:
    """Axis bounds on round ticks a little beyond the values (and the target), and the tick step."""
    low, high = min(values), max(values)
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low)
    low = math.floor(low / step - 0.25) * step
    high = math.ceil(high / step + 0.25) * step
    if min(values) >= 0 > low:
        low = 0.0
    return low, high, step


class HistoryChart(QWidget):
    """Set with :meth:`set_series`; empty shows a plain sentence saying why there is nothing to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.points: list[ChartPoint] = []
        self.target: float | None = None
        self.percent = False
        self.spc: SpcOverlay | None = None
        self.empty_text = "Select an indicator to see its history."
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("History chart")
        # Qt fills the background (the palette's Base colour) itself: QPainter.fillRect from Python would build
        # QGradient's 169 presets while resolving its overloads, before the window's first paint
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def sizeHint(self) -> QSize:
        return QSize(520, 260)

    def set_series(self, title: str, points: list[ChartPoint], target: float | None, percent: bool,
                   empty_text: str = "", spc: IndicatorSpc | None = None) -> None:
        self.title = title
        self.points = list(points)
        self.spc = spc_overlay(spc, [p.period for p in self.points])
        self.target = target
        self.percent = percent
        self.empty_text = empty_text or "No figures are stored for this indicator yet."
        values = ", ".join(f"{p.period}: {self._fmt(p.value)}" for p in self.points)
        target_words = f"; target {self._fmt(target)}" if target is not None else ""
        spc_words = ""
        if self.spc is not None:
            spc_words = f". {self.spc.summary}" if self.spc.summary else ""
            latest_mean = self.spc.mean[-1] if self.spc.mean else None
            spc_words += f"; mean {self._fmt(round(latest_mean, 6))}" if latest_mean is not None else ""
        self.setAccessibleDescription(f"{title}. {values}{target_words}{spc_words}" if values else self.empty_text)
        self.update()

    def _fmt(self, value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:.10g}%" if self.percent else f"{value:,.10g}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_color = pal.color(QPalette.ColorRole.WindowText)
        fm = QFontMetrics(self.font())
        line_h = fm.height()
        painter.setPen(text_color)
        title_rect = QRectF(8, 4, self.width() - 16, line_h * 2 + 4)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                         self.title or "History")
        if not self.points:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        values = [p.value for p in self.points] + ([self.target] if self.target is not None else [])
        overlay = self.spc
        if overlay is not None:
            values += [v for v in overlay.lower + overlay.upper if v is not None]
            painter.drawText(QRectF(8, 4 + line_h, self.width() - 16, line_h + 2),
                             Qt.AlignmentFlag.AlignLeft, overlay.summary)
        low, high, step = nice_range(values)
        left = max(fm.horizontalAdvance(self._fmt(v)) for v in (low, high)) + 16
        plot = QRectF(left, title_rect.bottom() + line_h, self.width() - left - 16,
                      self.height() - title_rect.bottom() - 3 * line_h - 8)
        inset = 36.0  # the first and last points keep clear of the axis labels
        if plot.width() < 40 or plot.height() < 40:
            painter.end()
            return

        def y_of(v: float) -> float:
            return plot.bottom() - (v - low) / (high - low) * plot.height()

        n = len(self.points)

        def x_of(i: float) -> float:
            return plot.center().x() if n == 1 else plot.left() + inset + (plot.width() - 2 * inset) * i / (n - 1)

        grid = QPen(pal.color(QPalette.ColorRole.Mid))
        grid.setWidthF(0.5)
        ticks = int(round((high - low) / step))
        for k in range(ticks + 1):
            v = low + step * k
            y = y_of(v)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_color)
            painter.drawText(QRectF(0, y - line_h / 2, left - 6, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._fmt(round(v, 6)))
        if self.target is not None:
            pen = QPen(text_color)
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(1.5)
            painter.setPen(pen)
            y = y_of(self.target)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(QRectF(plot.left() + 4, y - line_h - 2, plot.width(), line_h),
                             Qt.AlignmentFlag.AlignLeft, f"Target {self._fmt(self.target)}")
        if overlay is not None:
            self._draw_limits(painter, overlay, x_of, y_of, text_color)
        line = QPen(pal.color(QPalette.ColorRole.Highlight))
        line.setWidthF(2.5)
        painter.setPen(line)
        pts = [QPointF(x_of(i), y_of(p.value)) for i, p in enumerate(self.points)]
        for a, b in zip(pts, pts[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
        for i, (pt, p) in enumerate(zip(pts, self.points, strict=True)):
            painter.setPen(line)
            painter.drawEllipse(pt, 4, 4)
            special = overlay.special[i] if overlay is not None else None
            if special is not None:  # a special cause: a larger ring, coloured by its meaning
                ring = QPen(QColor(VARIATION_COLOURS.get(special.name, "#7f7f7f")))
                ring.setWidthF(3)
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(pt, 8, 8)
                painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.setPen(text_color)
            label = p.text or self._fmt(p.value)
            w = fm.horizontalAdvance(label) + 8
            lx = min(max(pt.x() - w / 2, plot.left()), self.width() - w)
            painter.drawText(QRectF(lx, pt.y() - line_h - 6, w, line_h), Qt.AlignmentFlag.AlignCenter, label)
            pw = fm.horizontalAdvance(p.period) + 8
            x = min(max(pt.x() - pw / 2, 0), self.width() - pw)
            painter.drawText(QRectF(x, plot.bottom() + 6 + (line_h if n > 6 and i % 2 else 0), pw, line_h),
                             Qt.AlignmentFlag.AlignCenter, p.period)
        painter.end()

    @staticmethod
    def _draw_limits(painter: QPainter, overlay: SpcOverlay, x_of: Callable[[float], float],
                     y_of: Callable[[float], float], colour: QColor) -> None:
        """The mean (thin solid) and the process limits (dotted) as steps, point by point."""
        for values, style, width in ((overlay.mean, Qt.PenStyle.SolidLine, 1.0),
                                     (overlay.lower, Qt.PenStyle.DotLine, 1.2),
                                     (overlay.upper, Qt.PenStyle.DotLine, 1.2)):
            pen = QPen(colour)
            pen.setStyle(style)
            pen.setWidthF(width)
            painter.setPen(pen)
            for i, v in enumerate(values):
                if v is None:
                    continue
                x0 = x_of(i - 0.5) if i > 0 else x_of(0)
                x1 = x_of(i + 0.5) if i < len(values) - 1 else x_of(i)
                painter.drawLine(QPointF(x0, y_of(v)), QPointF(x1, y_of(v)))
