"""The layout of pccdesk's force return template, shared by its writer and its reader.

The template is what the OPCC sends the force to fill in. Importing a filled
template is exact: rows are found by ref, columns by these headings.
"""

from __future__ import annotations

RETURN_SHEET = "Return"
META_SHEET = "pccdesk"
TEMPLATE_MARK = "force-return"
HEADER_ROW = 4  # 0-based: the title and instructions sit above it

REF = "Ref"
OBJECTIVE = "Objective"
INDICATOR = "Indicator"
MEASURE = "Measure"
TARGET = "Target"
PREVIOUS = "Previous value"
PREVIOUS_CI = "Previous ±"
PREVIOUS_PERIOD = "Previous period"
CURRENT = "Current value"
CURRENT_CI = "Current ±"
CURRENT_PERIOD = "Current period"
NOTE = "Comparative position or note"
COMMENTARY = "Commentary"

COLUMNS = (REF, OBJECTIVE, INDICATOR, MEASURE, TARGET, PREVIOUS, PREVIOUS_CI, PREVIOUS_PERIOD, CURRENT, CURRENT_CI,
           CURRENT_PERIOD, NOTE, COMMENTARY)
LOCKED = (REF, OBJECTIVE, INDICATOR, MEASURE, TARGET)
