"""Statistical process control: XmR charts with the Making Data Count rules, beside RAG.

Pure functions (no files, no Qt) in ``process_limits``, ``special_causes``,
``icons``, ``xmr_chart`` and ``indicator_history`` (an indicator's variation
and assurance beside its RAG); reading a table of series in
``series_table``; the Excel chart in ``excel_chart`` (usable on any sheet of
the pack); the ``pccdesk spc`` workbook in ``spc_workbook``; a chart's
alternative text in ``chart_text``; recorded crime by month and category in
``monthly_counts``.
"""

from pccdesk.spc.icons import Assurance, Better, Variation
from pccdesk.spc.indicator_history import IndicatorSpc, indicator_spc
from pccdesk.spc.special_causes import SpecialCause
from pccdesk.spc.xmr_chart import FIRM_LIMITS_POINTS, XmrChart, XmrGroup, XmrPoint, xmr_chart

__all__ = ["FIRM_LIMITS_POINTS", "Assurance", "Better", "IndicatorSpc", "SpecialCause", "Variation", "XmrChart",
           "XmrGroup", "XmrPoint", "indicator_spc", "xmr_chart"]
