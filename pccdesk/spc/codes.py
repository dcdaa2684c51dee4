"""Problem codes of statistical process control (XmR) charts.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

SPC_COLUMN_UNNAMED = ProblemCode(
    "spc-column-unnamed", Severity.WARNING, "A column of figures has no heading",
    "The column was left out; give it a heading to chart it.")
SPC_DUPLICATE_PERIOD = ProblemCode(
    "spc-duplicate-period", Severity.ERROR, "A period is given twice",
    "Each period needs exactly one row.")
SPC_MIXED_UNITS = ProblemCode(
    "spc-mixed-units", Severity.WARNING, "A series mixes percentages and plain numbers",
    "Some figures of the series are percentages and others plain numbers (0.45 beside 45%, say), so they may be "
    "on different scales; the series is left out until the cells are formatted alike.")
SPC_MOVING_RANGES_LEFT_OUT = ProblemCode(
    "spc-moving-ranges-left-out", Severity.INFO, "Outlying moving ranges are left out of the limits",
    "Moving ranges 3.267 times their average or more are left out of the mean moving range, as NHSRplotthedots "
    "does; the message gives the limits with every moving range too, which a hand calculation or the Making "
    "Data Count Excel tool gives.")
SPC_NOT_A_SERIES = ProblemCode(
    "spc-not-a-series", Severity.INFO, "A column has no figures and is not charted",
    "A column with a heading but no figures is not a series.")
SPC_NOT_A_PERIOD = ProblemCode(
    "spc-not-a-period", Severity.WARNING, "A row among the periods is not a period",
    "The other rows are dates, months or quarters but this one is not (a Total or Average row, say), so it is "
    "left out of the charts. If it is a period pccdesk could not read, write it like the others.")
SPC_NOT_ENOUGH_POINTS = ProblemCode(
    "spc-not-enough-points", Severity.WARNING, "A series has too few points to chart",
    "An XmR chart needs more points than this series has.")
SPC_NO_SERIES = ProblemCode(
    "spc-no-series", Severity.ERROR, "There is nothing to chart",
    "The file needs the period in its first column and, in each other column, a heading with figures "
    "below it.")
SPC_PERIOD_MISSING = ProblemCode(
    "spc-period-missing", Severity.ERROR, "A row of figures has no period",
    "Every row with figures needs its period in the first column.")
SPC_PERIOD_ORDER = ProblemCode(
    "spc-period-order", Severity.WARNING, "A period is not recognised, so rows keep the file's order",
    "The periods could not all be read as dates, months or quarters, so the rows are charted in the order "
    "they are in the file.")
SPC_REBASE_NOT_FOUND = ProblemCode(
    "spc-rebase-not-found", Severity.ERROR, "The rebase period is not in the table",
    "--rebase must name one of the periods in the first column.")
SPC_SERIES_GAP = ProblemCode(
    "spc-series-gap", Severity.WARNING, "A series has a gap and is not charted",
    "An XmR chart needs a figure for every period between the first and the last, and nothing is filled "
    "in, so the series is left out.")
SPC_SERIES_SHORTER = ProblemCode(
    "spc-series-shorter", Severity.INFO, "A series covers fewer periods than the table",
    "The series is blank before or after its figures; it is charted over the periods it has.")
SPC_TRIAL_LIMITS = ProblemCode(
    "spc-trial-limits", Severity.WARNING, "Trial limits: too few points for firm limits",
    "With fewer than 13 points the limits are trial limits, which will move as points are added.")
