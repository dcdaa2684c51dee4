"""Problem codes of the plan's definitions, the force's returns and the indicator checks.

Each code is declared here once, with the severity it is normally raised at and a
plain-English title; importing this module registers them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

ALREADY_IMPORTED = ProblemCode("already-imported", Severity.INFO,
                               "The return was imported before")
BELOW_TARGET = ProblemCode("below-target", Severity.INFO,
                           "How a figure stands against its target")
CURRENT_PERIOD_OLDER = ProblemCode("current-period-older", Severity.WARNING,
                                   "The current period ends before the previous one")
DEFINITIONS_BAD_AMBER_WITHIN = ProblemCode("definitions-bad-amber-within", Severity.ERROR,
                                           "An amber margin in the plan is not a number")
DEFINITIONS_BAD_BETTER = ProblemCode("definitions-bad-better", Severity.ERROR,
                                     "The plan says neither \"higher\" nor \"lower\" is better")
DEFINITIONS_BAD_MEASURE = ProblemCode("definitions-bad-measure", Severity.ERROR,
                                      "The plan gives a measure pccdesk does not know")
DEFINITIONS_BAD_TARGET = ProblemCode("definitions-bad-target", Severity.ERROR,
                                     "A target in the plan is not a number")
DEFINITIONS_DUPLICATE_REF = ProblemCode("definitions-duplicate-ref", Severity.ERROR,
                                        "Two indicators in the plan have the same reference")
DEFINITIONS_EMPTY = ProblemCode("definitions-empty", Severity.ERROR,
                                "The plan lists no indicators")
DEFINITIONS_FRACTION_TARGET = ProblemCode("definitions-fraction-target", Severity.WARNING,
                                          "A percentage target was written as a fraction")
DEFINITIONS_MISSING_COLUMN = ProblemCode("definitions-missing-column", Severity.ERROR,
                                         "The plan lacks a column it needs")
DEFINITIONS_MISSING_OBJECTIVE = ProblemCode("definitions-missing-objective", Severity.ERROR,
                                            "An indicator in the plan has no objective")
DEFINITIONS_MISSING_REF = ProblemCode("definitions-missing-ref", Severity.ERROR,
                                      "An indicator in the plan has no reference")
DEFINITIONS_MISSING_WORDING = ProblemCode("definitions-missing-wording", Severity.ERROR,
                                          "An indicator in the plan has no wording")
DEFINITIONS_NEGATIVE_AMBER = ProblemCode("definitions-negative-amber", Severity.ERROR,
                                         "An amber margin in the plan is below zero")
DEFINITIONS_NO_HEADER = ProblemCode("definitions-no-header", Severity.ERROR,
                                    "The plan's heading row was not found")
DEFINITIONS_NO_SHEET = ProblemCode("definitions-no-sheet", Severity.ERROR,
                                   "The plan workbook has no indicators sheet")
DEFINITIONS_PERCENT_RANGE = ProblemCode("definitions-percent-range", Severity.ERROR,
                                        "A percentage in the plan is outside 0 to 100")
DEFINITIONS_SELF_PARENT = ProblemCode("definitions-self-parent", Severity.ERROR,
                                      "An indicator in the plan is its own parent")
DEFINITIONS_TARGET_WITHOUT_DIRECTION = ProblemCode("definitions-target-without-direction", Severity.ERROR,
                                                   "A target is given without saying whether higher or lower is better")
DEFINITIONS_UNKNOWN_PARENT = ProblemCode("definitions-unknown-parent", Severity.ERROR,
                                         "An indicator's parent is not in the plan")
DUPLICATE_REF = ProblemCode("duplicate-ref", Severity.ERROR,
                            "The return gives the same indicator twice")
FRACTION_READ_AS_PERCENT = ProblemCode("fraction-read-as-percent", Severity.WARNING,
                                       "A fraction was read as a percentage")
IMPLAUSIBLE_JUMP = ProblemCode("implausible-jump", Severity.WARNING,
                               "A figure changed far more than it ever has before")
INDICATOR_GIVEN_TWICE = ProblemCode("indicator-given-twice", Severity.ERROR,
                                    "An indicator is given twice with different figures")
INDICATOR_NO_VALUE = ProblemCode("indicator-no-value", Severity.WARNING,
                                 "An indicator has no figure this period")
INDICATOR_NOT_IN_RETURN = ProblemCode("indicator-not-in-return", Severity.INFO,
                                      "An indicator of the plan is not in the return")
INDICATOR_REPEATED = ProblemCode("indicator-repeated", Severity.INFO,
                                 "An indicator is given again with the same figure")
INTERVAL_NEGATIVE = ProblemCode("interval-negative", Severity.ERROR,
                                "A confidence interval is below zero")
INTERVAL_WIDER_THAN_VALUE = ProblemCode("interval-wider-than-value", Severity.WARNING,
                                        "A confidence interval is wider than the figure itself")
MAPPING_PROFILE_NOT_SAVED = ProblemCode("mapping-profile-not-saved", Severity.WARNING,
                                        "A matching decision could not be remembered")
MAPPING_PROFILE_UNAVAILABLE = ProblemCode("mapping-profile-unavailable", Severity.WARNING,
                                          "Saved matching decisions could not be read")
MAPPING_PROFILE_USED = ProblemCode("mapping-profile-used", Severity.INFO,
                                   "A remembered table layout was used")
MATCH_SUGGESTED = ProblemCode("match-suggested", Severity.WARNING,
                              "A row of the return probably matches an indicator: please check")
NO_INDICATOR_TABLES = ProblemCode("no-indicator-tables", Severity.ERROR,
                                  "No table of indicators was found in the return")
PERCENT_CELL_HOLDS_WHOLE_NUMBER = ProblemCode("percent-cell-holds-whole-number", Severity.WARNING,
                                              "A percentage cell holds a whole number")
PERCENT_OUT_OF_RANGE = ProblemCode("percent-out-of-range", Severity.ERROR,
                                   "A percentage is outside 0 to 100")
PERIOD_LENGTH_DIFFERS = ProblemCode("period-length-differs", Severity.WARNING,
                                    "The figures compared cover periods of different lengths")
PERIOD_MISSING = ProblemCode("period-missing", Severity.ERROR,
                             "The reporting period is not known")
PREVIOUS_FROM_HISTORY = ProblemCode("previous-from-history", Severity.INFO,
                                    "The previous figure was taken from the history")
ROW_NOT_MATCHED = ProblemCode("row-not-matched", Severity.WARNING,
                              "A row of the return matches no indicator of the plan")
SUGGESTION_ACCEPTED = ProblemCode("suggestion-accepted", Severity.INFO,
                                  "A suggested match was accepted")
SUPERSEDED = ProblemCode("superseded", Severity.INFO,
                         "The return replaces figures imported earlier")
TEMPLATE_NO_HEADER = ProblemCode("template-no-header", Severity.ERROR,
                                 "The return's heading row was not found")
TEMPLATE_NO_SHEET = ProblemCode("template-no-sheet", Severity.ERROR,
                                "The return has no sheet of indicators")
TEMPLATE_OTHER_PLAN = ProblemCode("template-other-plan", Severity.WARNING,
                                  "The return was made for a different plan")
UNKNOWN_REF = ProblemCode("unknown-ref", Severity.ERROR,
                          "The return gives an indicator the plan does not have")
UNREADABLE_INTERVAL = ProblemCode("unreadable-interval", Severity.ERROR,
                                  "A confidence interval cannot be read")
UNREADABLE_VALUE = ProblemCode("unreadable-value", Severity.ERROR,
                               "A figure cannot be read as a number")
