"""Problem codes of the plan's definitions, the force's returns and the indicator checks.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

ALREADY_IMPORTED = ProblemCode(
    "already-imported", Severity.INFO, "The return was imported before",
    "This exact file was imported before for the same period, so the history is unchanged.")
BELOW_TARGET = ProblemCode(
    "below-target", Severity.INFO, "How a figure stands against its target",
    "Says whether the figure meets its target, for the record in the pack's data quality table.")
COMMENTS_NO_HEADER = ProblemCode(
    "comments-no-header", Severity.ERROR, "The comments workbook has no heading row",
    "No row in the first 15 has the headings Ref and OPCC comment; use the workbook pccdesk comments template writes.")
COMMENTS_NO_SHEET = ProblemCode(
    "comments-no-sheet", Severity.ERROR, "The comments workbook has no sheets",
    "The workbook holds no sheet to read comments from.")
COMMENTS_WRONG_PERIOD = ProblemCode(
    "comments-wrong-period", Severity.ERROR, "The comments are for another reporting period",
    "The workbook says it holds comments for another period, so nothing was imported.")
COMMENT_UNKNOWN_REF = ProblemCode(
    "comment-unknown-ref", Severity.WARNING, "An OPCC comment names an indicator the plan does not have",
    "The comment's Ref is not an indicator of the plan; the comment was left out.")
COMMENT_WITHOUT_REF = ProblemCode(
    "comment-without-ref", Severity.WARNING, "An OPCC comment has no indicator reference",
    "A comment without a Ref cannot be placed; it was left out.")
CURRENT_PERIOD_OLDER = ProblemCode(
    "current-period-older", Severity.WARNING, "The current period ends before the previous one",
    "The current figure's period ends before the previous figure's; the two columns may be the wrong way "
    "round.")
DEFINITIONS_BAD_AMBER_WITHIN = ProblemCode(
    "definitions-bad-amber-within", Severity.ERROR, "An amber margin in the plan is not a number",
    "The plan's amber margin must be a number.")
DEFINITIONS_BAD_BETTER = ProblemCode(
    "definitions-bad-better", Severity.ERROR, "The plan says neither \"higher\" nor \"lower\" is better",
    "The plan's \"better\" column must say higher, lower, or be empty (monitor only).")
DEFINITIONS_BAD_MEASURE = ProblemCode(
    "definitions-bad-measure", Severity.ERROR, "The plan gives a measure pccdesk does not know",
    "The plan's \"measure\" column must be one of percent, number, rate, days or currency.")
DEFINITIONS_BAD_TARGET = ProblemCode(
    "definitions-bad-target", Severity.ERROR, "A target in the plan is not a number",
    "The plan's target must be a number (90 or 90%).")
DEFINITIONS_DUPLICATE_REF = ProblemCode(
    "definitions-duplicate-ref", Severity.ERROR, "Two indicators in the plan have the same reference",
    "Each indicator needs its own reference; the second one is named.")
DEFINITIONS_EMPTY = ProblemCode(
    "definitions-empty", Severity.ERROR, "The plan lists no indicators",
    "The plan's Indicators sheet has no indicator rows.")
DEFINITIONS_FRACTION_TARGET = ProblemCode(
    "definitions-fraction-target", Severity.WARNING, "A percentage target was written as a fraction",
    "A percentage target such as 0.9 was read as 90%; write 90 or 90% to avoid doubt.")
DEFINITIONS_MISSING_COLUMN = ProblemCode(
    "definitions-missing-column", Severity.ERROR, "The plan lacks a column it needs",
    "The Indicators sheet lacks a column pccdesk needs; the message names it.")
DEFINITIONS_MISSING_OBJECTIVE = ProblemCode(
    "definitions-missing-objective", Severity.ERROR, "An indicator in the plan has no objective",
    "Every indicator needs the objective it belongs to.")
DEFINITIONS_MISSING_REF = ProblemCode(
    "definitions-missing-ref", Severity.ERROR, "An indicator in the plan has no reference",
    "Every indicator needs a reference (such as V1).")
DEFINITIONS_MISSING_WORDING = ProblemCode(
    "definitions-missing-wording", Severity.ERROR, "An indicator in the plan has no wording",
    "Every indicator needs its wording, as the panel reads it.")
DEFINITIONS_NEGATIVE_AMBER = ProblemCode(
    "definitions-negative-amber", Severity.ERROR, "An amber margin in the plan is below zero",
    "An amber margin says how far from target still counts as amber, so it cannot be negative.")
DEFINITIONS_NO_HEADER = ProblemCode(
    "definitions-no-header", Severity.ERROR, "The plan's heading row was not found",
    "No row of the Indicators sheet has the headings ref and indicator.")
DEFINITIONS_NO_SHEET = ProblemCode(
    "definitions-no-sheet", Severity.ERROR, "The plan workbook has no indicators sheet",
    "The plan workbook needs a sheet named Indicators.")
DEFINITIONS_PERCENT_RANGE = ProblemCode(
    "definitions-percent-range", Severity.ERROR, "A percentage in the plan is outside 0 to 100",
    "A percentage target must lie between 0 and 100.")
DEFINITIONS_SELF_PARENT = ProblemCode(
    "definitions-self-parent", Severity.ERROR, "An indicator in the plan is its own parent",
    "An indicator's parent must be another indicator.")
DEFINITIONS_TARGET_WITHOUT_DIRECTION = ProblemCode(
    "definitions-target-without-direction", Severity.ERROR, "A target is given without saying whether higher or lower is better",
    "Without saying whether higher or lower is better, a target cannot give a status.")
DEFINITIONS_UNKNOWN_PARENT = ProblemCode(
    "definitions-unknown-parent", Severity.ERROR, "An indicator's parent is not in the plan",
    "The parent named is not a reference in the plan.")
DUPLICATE_REF = ProblemCode(
    "duplicate-ref", Severity.ERROR, "The return gives the same indicator twice",
    "The return gives the same indicator twice; the first is used.")
FRACTION_READ_AS_PERCENT = ProblemCode(
    "fraction-read-as-percent", Severity.WARNING, "A fraction was read as a percentage",
    "A value such as 0.87 in a percentage indicator was read as 87%; check the cell.")
HISTORY_OTHER_MEASURE = ProblemCode(
    "history-other-measure", Severity.WARNING, "Stored figures measure something else than the plan now does",
    "The history holds figures of this indicator as percentages where the plan now counts it (or the reverse): "
    "the plan was revised. Those figures are not compared with the new ones, nor charted with them.")
HISTORY_NOT_EARLIER = ProblemCode(
    "history-not-earlier", Severity.WARNING, "A stored figure is not from an earlier period",
    "The history holds a figure for a period that does not end before this return's, so it is not used as "
    "the previous figure.")
IMPLAUSIBLE_JUMP = ProblemCode(
    "implausible-jump", Severity.WARNING, "A figure changed far more than it ever has before",
    "The figure differs from every earlier one by far more than usual; check it before it goes to the "
    "panel.")
INDICATOR_GIVEN_TWICE = ProblemCode(
    "indicator-given-twice", Severity.ERROR, "An indicator is given twice with different figures",
    "The return gives one indicator twice with different figures; the first is used and both are named.")
INDICATOR_NOT_IN_RETURN = ProblemCode(
    "indicator-not-in-return", Severity.INFO, "An indicator of the plan is not in the return",
    "Indicators of the plan that the return does not give; they show as No data.")
INDICATOR_NO_VALUE = ProblemCode(
    "indicator-no-value", Severity.WARNING, "An indicator has no figure this period",
    "The return has no figure for an indicator this period; the pack shows it as No data.")
INDICATOR_REPEATED = ProblemCode(
    "indicator-repeated", Severity.INFO, "An indicator is given again with the same figure",
    "The return repeats an indicator with the same figure; nothing is lost.")
INTERVAL_NEGATIVE = ProblemCode(
    "interval-negative", Severity.ERROR, "A confidence interval is below zero",
    "A confidence interval (the ± figure) cannot be negative.")
INTERVAL_WIDER_THAN_VALUE = ProblemCode(
    "interval-wider-than-value", Severity.WARNING, "A confidence interval is wider than the figure itself",
    "The ± figure is wider than the figure itself, so the figure says little; check both.")
MAPPING_PROFILE_NOT_SAVED = ProblemCode(
    "mapping-profile-not-saved", Severity.WARNING, "A matching decision could not be remembered",
    "Accepted matches were applied but could not be remembered for next time.")
MAPPING_PROFILE_UNAVAILABLE = ProblemCode(
    "mapping-profile-unavailable", Severity.WARNING, "Saved matching decisions could not be read",
    "Saved matching decisions could not be read, so every row is matched afresh.")
MAPPING_PROFILE_USED = ProblemCode(
    "mapping-profile-used", Severity.INFO, "A remembered table layout was used",
    "Matching decisions saved for this layout of return were used.")
MATCH_SUGGESTED = ProblemCode(
    "match-suggested", Severity.WARNING, "A row of the return probably matches an indicator: please check",
    "A row's wording is close to an indicator's but not close enough to be sure; accept the suggestion or "
    "choose another.")
NO_FIGURES_MATCHED = ProblemCode(
    "no-figures-matched", Severity.ERROR, "No figure of the returns matched the plan",
    "None of the returns' rows matched an indicator of the plan, so no pack was written.")
NO_INDICATOR_TABLES = ProblemCode(
    "no-indicator-tables", Severity.ERROR, "No table of indicators was found in the return",
    "No sheet of the return looks like a table of indicators (headings such as Previous, Current, Period, "
    "Target).")
NO_RETURN = ProblemCode(
    "no-return", Severity.ERROR, "No return was given",
    "A pack needs at least one return of the force's figures; give the files after the command.")
PERCENT_CELL_HOLDS_WHOLE_NUMBER = ProblemCode(
    "percent-cell-holds-whole-number", Severity.WARNING, "A percentage cell holds a whole number",
    "A cell formatted as a percentage holds a whole number (87 shown as 8700%); the figure was read as "
    "87%.")
PERCENT_OUT_OF_RANGE = ProblemCode(
    "percent-out-of-range", Severity.ERROR, "A percentage is outside 0 to 100",
    "A percentage must lie between 0 and 100.")
PERIOD_LENGTH_DIFFERS = ProblemCode(
    "period-length-differs", Severity.WARNING, "The figures compared cover periods of different lengths",
    "The current and previous figures cover periods of different lengths, so their change may mislead.")
PERIOD_MISSING = ProblemCode(
    "period-missing", Severity.ERROR, "The reporting period is not known",
    "The reporting period could not be read from the returns; give it (for example --period \"2015-16 "
    "Q1\").")
PREVIOUS_FROM_HISTORY = ProblemCode(
    "previous-from-history", Severity.INFO, "The previous figure was taken from the history",
    "The return gives no previous figure, so the one recorded for the earlier period is used.")
PREVIOUS_SKIPS_QUARTERS = ProblemCode(
    "previous-skips-quarters", Severity.WARNING, "The previous figure from the history is not the last quarter's",
    "The return gives no previous figure and the history holds none for the quarter before, so an older quarter's "
    "figure is the previous one: the change covers more than one quarter. Import the missing return, or ask the "
    "force for the previous figure.")
RETURN_PERIOD_MISMATCH = ProblemCode(
    "return-period-mismatch", Severity.ERROR, "The return's figures are for another quarter",
    "The periods written beside the figures are for another quarter than the one given, so nothing is "
    "stored; use --override-period-check if the period given is right.")
RETURN_PERIOD_OVERRIDDEN = ProblemCode(
    "return-period-overridden", Severity.WARNING, "The return's period check was overridden",
    "The figures were stored under the period given although their own period texts say another quarter; "
    "the override is recorded in the history.")
RETURN_UNREADABLE = ProblemCode(
    "return-unreadable", Severity.ERROR, "A return could not be read",
    "The return could not be read, so no pack was written; the message says why.")
ROW_ASSIGNED = ProblemCode(
    "row-assigned", Severity.INFO, "A row was assigned to an indicator by hand",
    "An officer said which indicator this row gives; the decision is remembered for returns of the same "
    "layout.")
ROW_NOT_MATCHED = ProblemCode(
    "row-not-matched", Severity.WARNING, "A row of the return matches no indicator of the plan",
    "A row of the return matches no indicator of the plan; it is left out of the pack.")
REPLACED_SINCE = ProblemCode(
    "replaced-since", Severity.WARNING, "The return was imported before and has since been replaced",
    "This exact file was imported before for the same period, and a later return has since replaced some of its "
    "figures: the pack shows this file's figures, the history and later packs the later return's. Build the pack "
    "from the right return, or remove the wrong one from the history.")
ROW_NOT_UNMATCHED = ProblemCode(
    "row-not-unmatched", Severity.ERROR, "That row is not an unmatched row of the return",
    "Only a row the return could not match can be assigned to an indicator by hand.")
SUGGESTION_ACCEPTED = ProblemCode(
    "suggestion-accepted", Severity.INFO, "A suggested match was accepted",
    "A suggested match was accepted (by an officer, or by --accept-suggestions).")
SUPERSEDED = ProblemCode(
    "superseded", Severity.INFO, "The return replaces figures imported earlier",
    "The file corrects figures recorded earlier for the same period; the earlier figures are kept in the "
    "history.")
TEMPLATE_NO_HEADER = ProblemCode(
    "template-no-header", Severity.ERROR, "The return's heading row was not found",
    "The return's sheet has no heading row (Ref, Current…); it may have been edited.")
TEMPLATE_NO_SHEET = ProblemCode(
    "template-no-sheet", Severity.ERROR, "The return has no sheet of indicators",
    "The return has no sheet of the name pccdesk's template uses; it may have been renamed.")
TEMPLATE_OTHER_PLAN = ProblemCode(
    "template-other-plan", Severity.WARNING, "The return was made for a different plan",
    "The return was made from another plan (or an older version of it); check the indicators match.")
UNKNOWN_REF = ProblemCode(
    "unknown-ref", Severity.ERROR, "The return gives an indicator the plan does not have",
    "The return gives a reference the plan does not have; it is left out.")
UNREADABLE_INTERVAL = ProblemCode(
    "unreadable-interval", Severity.ERROR, "A confidence interval cannot be read",
    "The ± figure is not a number pccdesk can read.")
UNREADABLE_VALUE = ProblemCode(
    "unreadable-value", Severity.ERROR, "A figure cannot be read as a number",
    "The figure is not a number nor a recognised \"no data\" text (N/A, not available…).")
UNCALCULATED_FORMULA = ProblemCode(
    "uncalculated-formula", Severity.ERROR, "A figure is a formula whose result the file does not hold",
    "The cell holds a formula, but the program that saved the file did not save its result (or saved a "
    "placeholder for Excel to recalculate), so the figure Excel shows cannot be read. Open the file in Excel, "
    "save it, and run again.")
ERROR_VALUE_IN_CELL = ProblemCode(
    "error-value-in-cell", Severity.WARNING, "A figure cell shows an Excel error",
    "The cell shows an Excel error (#DIV/0!, #N/A, #REF!…) instead of a figure, so the indicator has no "
    "figure; ask the force to correct the formula.")
HIDDEN_ROW_USED = ProblemCode(
    "hidden-row-used", Severity.WARNING, "A figure was read from a hidden row or column",
    "The row or column is hidden in Excel, so a person reading the return does not see it, but its figure was "
    "used. Check that it is the figure meant for the pack (a hidden row or column is often an old or working "
    "figure).")
FIGURE_PERIOD_OTHER_QUARTER = ProblemCode(
    "figure-period-other-quarter", Severity.WARNING, "A figure's own period is not the pack's quarter",
    "The period written beside the figure ends more than a quarter away from the quarter being packed (for "
    "example last year's figure from a second sheet), yet it would be packed and stored as this quarter's. "
    "Check the figure; correct the return if it is not this quarter's.")
PERIOD_NOT_DATED = ProblemCode(
    "period-not-dated", Severity.WARNING, "The reporting period is not one pccdesk can date",
    "The period given for the pack is free text, so the returns' own dates were not checked against it and the "
    "history cannot order it among other periods. Give a quarter as \"2015-16 Q2\".")
PERIOD_AMBIGUOUS = ProblemCode(
    "period-ambiguous", Severity.ERROR, "The reporting period could mean two quarters",
    "A quarter number with a single year (Q2 2023) may be the calendar's quarter or the financial year's; give "
    "it as \"2023-24 Q1\" or \"2023-24 Q2\".")
STATED_CHANGE = ProblemCode(
    "stated-change", Severity.WARNING, "A change was given where a figure was expected",
    "The return gives a change (+6%, +47 crimes, +3) rather than the figure itself, so it is not compared with a "
    "target nor subtracted from a figure; ask the force for the figure.")
UNIT_MISMATCH = ProblemCode(
    "unit-mismatch", Severity.ERROR, "A figure is of another kind than the indicator",
    "The figure is of another kind than the plan says the indicator is (a percentage for a count, money or days "
    "for a percentage), so it is left out rather than compared with the target as if it were one.")
PREVIOUS_DIFFERS_FROM_HISTORY = ProblemCode(
    "previous-differs-from-history", Severity.WARNING, "The return's previous figure differs from the one stored",
    "The return gives a previous figure for a period the history already holds a different figure for; the pack "
    "shows the return's, the history keeps the stored one. Check which is right.")
FIGURE_COLUMN_REPEATED = ProblemCode(
    "figure-column-repeated", Severity.WARNING, "Two columns of a table carry the same heading",
    "Two columns are both headed as the current (or previous) figure; the first, nearest the indicator's "
    "wording, was read. Check it is the one meant.")
STATED_TARGET_DIFFERS = ProblemCode(
    "stated-target-differs", Severity.WARNING, "The return's target is not the plan's",
    "The force wrote a target beside the figure that is not the plan's; the status is worked out against the "
    "plan's target. Check which is right (and update the plan if the target changed).")
STATED_STATUS_DIFFERS = ProblemCode(
    "stated-status-differs", Severity.WARNING, "The return's red/amber/green status is not the one worked out",
    "The force marked the figure with another status than the one worked out against the plan's target and amber "
    "margin; the pack shows the worked-out status. Check the target and the figure.")
FIGURES_WITHOUT_WORDING = ProblemCode(
    "figures-without-wording", Severity.WARNING, "A row has figures but no indicator wording",
    "A row of a table holds figures but no wording to say which indicator they are (often under a wording "
    "merged over two rows); they were not used. Write the indicator's wording in the row if they are meant.")
FORMULA_NOT_RECALCULATED = ProblemCode(
    "formula-not-recalculated", Severity.WARNING, "A figure's formula result may be out of date",
    "The file asks Excel to recalculate its formulas on opening, so the result saved with a formula may not be "
    "the figure Excel shows. It was used; open the file in Excel and save it to be sure.")
