"""Statistical process control: XmR charts with the Making Data Count rules, beside RAG.

Pure functions (no files, no Qt) in ``process_limits``, ``special_causes``,
``icons`` and ``xmr_chart``; the ``pccdesk spc`` workbook in ``spc_workbook``.
"""

from pccdesk.spc.icons import Assurance, Better, Variation
from pccdesk.spc.special_causes import SpecialCause
from pccdesk.spc.xmr_chart import FIRM_LIMITS_POINTS, XmrChart, XmrGroup, XmrPoint, xmr_chart

__all__ = ["FIRM_LIMITS_POINTS", "Assurance", "Better", "SpecialCause", "Variation", "XmrChart", "XmrGroup",
           "XmrPoint", "xmr_chart"]
