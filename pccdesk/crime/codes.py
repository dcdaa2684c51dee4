"""Problem codes of recorded crime inputs and their checks.

Each code is declared here once, with the severity it is normally raised at and a
plain-English title; importing this module registers them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

BAD_PERIOD = ProblemCode("bad-period", Severity.ERROR,
                         "The crime comparison period is not one pccdesk knows")
CRIME_AREA_UNKNOWN = ProblemCode("crime-area-unknown", Severity.WARNING,
                                 "An area in the crime table is not in the list of areas")
CRIME_CATEGORIES_ROW = ProblemCode("crime-categories-row", Severity.WARNING,
                                   "A row of the crime categories list cannot be used")
CRIME_CATEGORIES_UNREADABLE = ProblemCode("crime-categories-unreadable", Severity.ERROR,
                                          "The crime categories list could not be read")
CRIME_CATEGORY_ABSENT = ProblemCode("crime-category-absent", Severity.INFO,
                                    "A crime category has no figures in the input")
CRIME_CATEGORY_FROM_PARTS = ProblemCode("crime-category-from-parts", Severity.INFO,
                                        "A crime category was worked out from its parts")
CRIME_CATEGORY_MISSING = ProblemCode("crime-category-missing", Severity.WARNING,
                                     "A crime category of the list is missing from the table")
CRIME_CATEGORY_UNKNOWN = ProblemCode("crime-category-unknown", Severity.WARNING,
                                     "A crime category in the table is not in the list")
CRIME_CATEGORY_UNLISTED = ProblemCode("crime-category-unlisted", Severity.INFO,
                                      "Categories not in the category list were left out")
CRIME_COLUMNS_UNKNOWN = ProblemCode("crime-columns-unknown", Severity.ERROR,
                                    "The columns of the crime extract were not recognised")
CRIME_COUNT_FRACTION = ProblemCode("crime-count-fraction", Severity.WARNING,
                                   "A crime count is not a whole number")
CRIME_COUNT_MISSING = ProblemCode("crime-count-missing", Severity.WARNING,
                                  "A crime count is missing")
CRIME_COUNT_NEGATIVE = ProblemCode("crime-count-negative", Severity.WARNING,
                                   "A crime count is below zero")
CRIME_COUNT_UNREADABLE = ProblemCode("crime-count-unreadable", Severity.WARNING,
                                     "A crime count cannot be read as a number")
CRIME_CURRENT_NOT_COVERED = ProblemCode("crime-current-not-covered", Severity.WARNING,
                                        "The crime extract does not cover the whole current period")
CRIME_DUPLICATE = ProblemCode("crime-duplicate", Severity.WARNING,
                              "The same crime figure is given twice")
CRIME_EXTRA_PERIODS = ProblemCode("crime-extra-periods", Severity.INFO,
                                  "The crime table holds periods that were not used")
CRIME_FORCE_MISSING = ProblemCode("crime-force-missing", Severity.ERROR,
                                  "The force was not found in the crime table")
CRIME_FORCE_NEEDED = ProblemCode("crime-force-needed", Severity.ERROR,
                                 "The national crime table needs the force to be named")
CRIME_NO_RECORDS = ProblemCode("crime-no-records", Severity.ERROR,
                               "The crime extract holds no records")
CRIME_NOT_AVAILABLE = ProblemCode("crime-not-available", Severity.INFO,
                                  "Recorded crime cannot be read by this version")
CRIME_NOTHING_READ = ProblemCode("crime-nothing-read", Severity.ERROR,
                                 "No recorded crime could be read")
CRIME_PERIODS_DIFFER = ProblemCode("crime-periods-differ", Severity.WARNING,
                                   "The crime tables cover different periods")
CRIME_PERIODS_USED = ProblemCode("crime-periods-used", Severity.INFO,
                                 "The crime periods compared")
CRIME_PREVIOUS_MISSING = ProblemCode("crime-previous-missing", Severity.INFO,
                                     "There is no figure a year earlier to compare with")
CRIME_PREVIOUS_NOT_COVERED = ProblemCode("crime-previous-not-covered", Severity.WARNING,
                                         "The crime extract does not cover the whole period a year earlier")
CRIME_RECORD_DATE = ProblemCode("crime-record-date", Severity.WARNING,
                                "A crime record's date cannot be read")
CRIME_RECORDS_WITHOUT_REFERENCE = ProblemCode("crime-records-without-reference", Severity.INFO,
                                              "Some crime records have no reference")
CRIME_SERIES_CHANGED = ProblemCode("crime-series-changed", Severity.INFO,
                                   "A crime series changed its name and was left out")
CRIME_STATED_CHANGE = ProblemCode("crime-stated-change", Severity.WARNING,
                                  "The change the table states differs from the figures")
CRIME_STATED_PERCENT = ProblemCode("crime-stated-percent", Severity.WARNING,
                                   "The percentage change the table states differs from the figures")
CRIME_STATED_PERCENT_ZERO = ProblemCode("crime-stated-percent-zero", Severity.INFO,
                                        "A percentage change from zero cannot be worked out")
CRIME_SUM = ProblemCode("crime-sum", Severity.WARNING,
                        "The areas do not add up to the force total")
CRIME_TABLE_MISSING = ProblemCode("crime-table-missing", Severity.ERROR,
                                  "No recorded crime table was found")
CRIME_TOTAL_PARTS = ProblemCode("crime-total-parts", Severity.WARNING,
                                "A crime total differs from the sum of its parts")
CRIME_TOTAL_SUMMED = ProblemCode("crime-total-summed", Severity.INFO,
                                 "A crime total was worked out from its parts")
CRIME_UNREADABLE = ProblemCode("crime-unreadable", Severity.ERROR,
                               "A recorded crime file could not be read")
