"""Problem codes of recorded crime inputs and their checks.

Each code is declared here once: the severity it is normally raised at, a plain-English
title and a description of what it means and what to do. Importing this module registers
them in :mod:`pccdesk.problems`.
"""

from __future__ import annotations

from pccdesk.problems import ProblemCode, Severity

BAD_PERIOD = ProblemCode(
    "bad-period", Severity.ERROR, "The crime comparison period is not one pccdesk knows",
    "The crime comparison must be fytd (financial year to date), quarter or rolling-12.")
CRIME_AREA_UNKNOWN = ProblemCode(
    "crime-area-unknown", Severity.WARNING, "An area in the crime table is not in the list of areas",
    "An area in the crime table is not in the category and area list; it is kept as written.")
CRIME_CATEGORIES_ROW = ProblemCode(
    "crime-categories-row", Severity.WARNING, "A row of the crime categories list cannot be used",
    "A row of the category and area list cannot be used; it is left out.")
CRIME_CATEGORIES_UNREADABLE = ProblemCode(
    "crime-categories-unreadable", Severity.ERROR, "The crime categories list could not be read",
    "The category and area list could not be read; the message says why.")
CRIME_CATEGORY_ABSENT = ProblemCode(
    "crime-category-absent", Severity.INFO, "A crime category has no figures in the input",
    "Categories of the list with no figures in any input; they are shown as blank, not zero.")
CRIME_CATEGORY_FROM_PARTS = ProblemCode(
    "crime-category-from-parts", Severity.INFO, "A crime category was worked out from its parts",
    "A category was worked out by adding its listed parts, as the message says.")
CRIME_CATEGORY_MISSING = ProblemCode(
    "crime-category-missing", Severity.WARNING, "A crime category of the list is missing from the table",
    "A category of the list is missing for an area, so that area's total may be short.")
CRIME_CATEGORY_UNKNOWN = ProblemCode(
    "crime-category-unknown", Severity.WARNING, "A crime category in the table is not in the list",
    "A category in the table matches nothing in the list; it is left out.")
CRIME_CATEGORY_UNLISTED = ProblemCode(
    "crime-category-unlisted", Severity.INFO, "Categories not in the category list were left out",
    "Columns or categories not in the list were left out, as the message lists.")
CRIME_COLUMNS_UNKNOWN = ProblemCode(
    "crime-columns-unknown", Severity.ERROR, "The columns of the crime extract were not recognised",
    "The extract's headings were not recognised; name them once with --column ROLE=HEADING.")
CRIME_COUNT_FRACTION = ProblemCode(
    "crime-count-fraction", Severity.WARNING, "A crime count is not a whole number",
    "A count of crimes must be a whole number.")
CRIME_COUNT_MISSING = ProblemCode(
    "crime-count-missing", Severity.WARNING, "A crime count is missing",
    "A count is blank where a figure was expected.")
CRIME_COUNT_NEGATIVE = ProblemCode(
    "crime-count-negative", Severity.WARNING, "A crime count is below zero",
    "A count of crimes cannot be below zero.")
CRIME_COUNT_UNREADABLE = ProblemCode(
    "crime-count-unreadable", Severity.WARNING, "A crime count cannot be read as a number",
    "A count is not a number pccdesk can read.")
CRIME_CURRENT_NOT_COVERED = ProblemCode(
    "crime-current-not-covered", Severity.WARNING, "The crime extract does not cover the whole current period",
    "The extract's dates do not reach the start or end of the current period, so its counts may be short.")
CRIME_DUPLICATE = ProblemCode(
    "crime-duplicate", Severity.WARNING, "The same crime figure is given twice",
    "The same category and area are given twice; the first figure is used.")
CRIME_EXTRA_PERIODS = ProblemCode(
    "crime-extra-periods", Severity.INFO, "The crime table holds periods that were not used",
    "More than two one-period tables were given; the latest two are compared.")
CRIME_FORCE_MISSING = ProblemCode(
    "crime-force-missing", Severity.ERROR, "The force was not found in the crime table",
    "The force named was not found in the table.")
CRIME_FORCE_NEEDED = ProblemCode(
    "crime-force-needed", Severity.ERROR, "The national crime table needs the force to be named",
    "A national table covers every force; name the one to take with --force.")
CRIME_NOT_A_FORCE = ProblemCode(
    "crime-not-a-force", Severity.INFO, "A reporting body in the crime table is not a police force",
    "Action Fraud, CIFAS and UK Finance report fraud for the whole country; the Home Office's table lists them "
    "among the forces, but they police no area. They are left out of --force all and of the forces offered, "
    "and cannot be chosen with --force.")
CRIME_FORCE_NOT_TERRITORIAL = ProblemCode(
    "crime-force-not-territorial", Severity.INFO, "A force in the crime tables is not a territorial police force",
    "British Transport Police (like the Ministry of Defence Police and the Civil Nuclear Constabulary) is a "
    "police force but not a territorial police force area: it has no local areas and no Police and Crime "
    "Commissioner's plan, and its figures are not part of any area's.")
CRIME_NO_RECORDS = ProblemCode(
    "crime-no-records", Severity.ERROR, "The crime extract holds no records",
    "The extract holds no crime records.")
CRIME_NOT_AVAILABLE = ProblemCode(
    "crime-not-available", Severity.INFO, "Recorded crime cannot be read by this version",
    "This installation cannot read recorded crime inputs.")
CRIME_NOTHING_READ = ProblemCode(
    "crime-nothing-read", Severity.ERROR, "No recorded crime could be read",
    "None of the files given held recorded crime pccdesk could read.")
CRIME_PERIODS_DIFFER = ProblemCode(
    "crime-periods-differ", Severity.WARNING, "The crime tables cover different periods",
    "The crime tables given cover different periods, so they cannot be combined as they are.")
CRIME_PERIODS_USED = ProblemCode(
    "crime-periods-used", Severity.INFO, "The crime periods compared",
    "The two periods the crime figures compare, and the dates the data run over.")
CRIME_PREVIOUS_MISSING = ProblemCode(
    "crime-previous-missing", Severity.INFO, "There is no figure a year earlier to compare with",
    "No figure a year earlier to compare with; the change is shown as n/a.")
CRIME_PREVIOUS_NOT_COVERED = ProblemCode(
    "crime-previous-not-covered", Severity.WARNING, "The crime extract does not cover the whole period a year earlier",
    "The extract's dates do not cover the whole comparison period a year earlier, so its counts may be "
    "short.")
CRIME_RECORD_DATE = ProblemCode(
    "crime-record-date", Severity.WARNING, "A crime record's date cannot be read",
    "A record's date cannot be read; the record is left out of the counts.")
CRIME_RECORDS_WITHOUT_REFERENCE = ProblemCode(
    "crime-records-without-reference", Severity.INFO, "Some crime records have no reference",
    "Some records have no crime reference; they are counted all the same.")
CRIME_SERIES_CHANGED = ProblemCode(
    "crime-series-changed", Severity.WARNING, "A crime series changed its name during the compared years",
    "A series changed its name (Domestic burglary became Residential burglary); a rolling year across the change "
    "is split between the two names, so both are added for it. The new series may count a little differently.")
CRIME_STATED_CHANGE = ProblemCode(
    "crime-stated-change", Severity.WARNING, "The change the table states differs from the figures",
    "The change the table states does not match the figures it gives.")
CRIME_STATED_PERCENT = ProblemCode(
    "crime-stated-percent", Severity.WARNING, "The percentage change the table states differs from the figures",
    "The percentage change the table states does not match the figures it gives.")
CRIME_STATED_PERCENT_ZERO = ProblemCode(
    "crime-stated-percent-zero", Severity.INFO, "A percentage change from zero cannot be worked out",
    "A percentage change from zero cannot be worked out; it is shown as n/a.")
CRIME_SUM = ProblemCode(
    "crime-sum", Severity.WARNING, "The areas do not add up to the force total",
    "The areas' figures do not add up to the force's total.")
CRIME_TABLE_MISSING = ProblemCode(
    "crime-table-missing", Severity.ERROR, "No recorded crime table was found",
    "No table of recorded crime was found in the file; the message lists the shapes pccdesk reads.")
CRIME_TOTAL_PARTS = ProblemCode(
    "crime-total-parts", Severity.WARNING, "A crime total differs from the sum of its parts",
    "A total does not equal the sum of its parts in the table.")
CRIME_TOTAL_SUMMED = ProblemCode(
    "crime-total-summed", Severity.INFO, "A crime total was worked out from its parts",
    "The total was worked out by adding the categories, as the table gives none.")
CRIME_UNREADABLE = ProblemCode(
    "crime-unreadable", Severity.ERROR, "A recorded crime file could not be read",
    "The recorded crime inputs could not be read; the indicators are checked without them.")

# --- identity, completeness and categories per source -------------------------------------------------------

CRIME_AREA_NOT_IN_LOOKUP = ProblemCode(
    "crime-area-not-in-lookup", Severity.WARNING, "Some places are in no district of the area lookup",
    "Local authorities named by the records are in no district of templates/crime-area-lookup.csv (new "
    "councils since it was made); each is shown as its own area. A newer ONS lookup may know them.")
CRIME_AREAS_UNKNOWN_FORCE = ProblemCode(
    "crime-areas-unknown-force", Severity.INFO, "The force's local areas are not in the area lookup",
    "The force (e.g. British Transport Police) has no districts in the lookup: only its own table is shown.")
CRIME_ASB_NOT_COUNTED = ProblemCode(
    "crime-asb-not-counted", Severity.INFO, "Anti-social behaviour records are not counted",
    "Records whose crime type is anti-social behaviour are incidents, not crimes, and are left out.")
CRIME_CATEGORY_NOT_SPLIT = ProblemCode(
    "crime-category-not-split", Severity.INFO, "The source does not split some categories of the list",
    "data.police.uk combines some Home Office categories; they are shown as the source's own category, never "
    "as zeros (templates/crime-types-police-uk.csv).")
CRIME_CATEGORY_OWN = ProblemCode(
    "crime-category-own", Severity.INFO, "Categories not in the list are shown as the file names them",
    "Categories the list does not name get a row of their own, under the file's wording.")
CRIME_CODE_NAME_DISAGREE = ProblemCode(
    "crime-code-name-disagree", Severity.WARNING, "A row's area code and name say different forces",
    "A row of a national table has one force's code and another's name; it is counted for the force it names. "
    "Check the published table.")
CRIME_EDITIONS_APART = ProblemCode(
    "crime-editions-apart", Severity.WARNING, "The two editions compared are not a year apart",
    "The two national tables' year-ending dates are not twelve months apart, so the change is not year on "
    "year.")
CRIME_FORCE_AMBIGUOUS = ProblemCode(
    "crime-force-ambiguous", Severity.ERROR, "The force named matches several forces in the table",
    "The name given with --force matches more than one force; give the force's GSS code instead.")
CRIME_FORCE_FROM_AREAS = ProblemCode(
    "crime-force-from-areas", Severity.INFO, "The force's figures are the sum of its areas",
    "The table has no row for the force itself, so its figures are its areas' rows added up.")
CRIME_LOOKUP_UNREADABLE = ProblemCode(
    "crime-lookup-unreadable", Severity.ERROR, "The area lookup could not be used",
    "The local authority to police force area lookup lacks its columns or its forces; the shipped one is kept.")
CRIME_MONTH_MISSING = ProblemCode(
    "crime-month-missing", Severity.WARNING, "A month has no crime records",
    "A month of the compared periods has no records; it is left out of both years so that they compare like "
    "for like, and the message names it.")
CRIME_MONTH_PARTIAL = ProblemCode(
    "crime-month-partial", Severity.WARNING, "A month has far fewer crime records than usual",
    "A month has under half the usual records per day; the extract may be incomplete for it.")
CRIME_NO_LOCATION = ProblemCode(
    "crime-no-location", Severity.INFO, "Some crimes have no location",
    "Crimes with no location count in the force total and are shown as one No location row.")
CRIME_NOTHING_COMPARABLE = ProblemCode(
    "crime-nothing-comparable", Severity.ERROR, "No month has crime records in both years",
    "No month of the current period has records both this year and a year earlier, so nothing can be "
    "compared like for like; the message names the months.")
CRIME_OUTSIDE_FORCE_AREA = ProblemCode(
    "crime-outside-force-area", Severity.INFO, "Some crimes lie outside the force area",
    "Crimes in other forces' districts are shown as one Outside the force area row.")
CRIME_PERIOD_DIFFERS = ProblemCode(
    "crime-period-differs", Severity.WARNING, "The crime tables are for another period than the pack",
    "The crime tables' current period does not end within the pack's reporting period; the message names "
    "both.")
CRIME_PERIOD_NOT_COMPARED = ProblemCode(
    "crime-period-not-compared", Severity.INFO, "The crime tables' period could not be checked against the pack's",
    "The crime tables' period has no dates pccdesk can read; check by eye that it is the pack's.")
CRIME_PERIOD_UNKNOWN = ProblemCode(
    "crime-period-unknown", Severity.WARNING, "The national table's title gives no year-ending date",
    "Without a year-ending date the table cannot be put in order with another edition.")
CRIME_SAME_EDITION = ProblemCode(
    "crime-same-edition", Severity.WARNING, "The same edition of a national table was given twice",
    "Two files are the same edition (the same year-ending date); the second is left out.")
CRIME_SEVERAL_FORCES = ProblemCode(
    "crime-several-forces", Severity.ERROR, "The records are of several forces",
    "The records belong to more than one force; name one with --force (forces are never merged).")
CRIME_FILES_OVERLAP = ProblemCode(
    "crime-files-overlap", Severity.ERROR, "Two extracts hold records for the same days",
    "Two street-level files of one force cover the same month, so every crime in it would be counted twice; "
    "give each month once.")
CRIME_FILES_MAY_OVERLAP = ProblemCode(
    "crime-files-may-overlap", Severity.WARNING, "Two extracts hold records for the same days",
    "Two extracts have records on the same days. If they hold the same records those days are counted twice; "
    "if they hold different records (other areas or offences) the counts are right.")
CRIME_CATEGORY_BLANK = ProblemCode(
    "crime-category-blank", Severity.WARNING, "Some crime records have no crime type",
    "Records with a blank crime type (or offence code) count in Total crime but in no category; one without a "
    "Crime ID either may be anti-social behaviour, so Total crime may be too high by up to that many.")
CRIME_CATEGORY_ONE_PERIOD = ProblemCode(
    "crime-category-one-period", Severity.WARNING, "A crime type has crimes in only one of the two periods",
    "A crime type has crimes in one compared period and none in the other, usually because the extracts "
    "renamed or split it between the years; its change is then a new name, not a change in crime.")
CRIME_OTHER_FORCES_LEFT_OUT = ProblemCode(
    "crime-other-forces-left-out", Severity.INFO, "Records of other forces were left out",
    "The extracts hold records of other forces than the one asked for with --force; they are not counted.")
CRIME_SHEET_HIDDEN = ProblemCode(
    "crime-sheet-hidden", Severity.WARNING, "A hidden sheet holds crime figures that were not read",
    "A hidden sheet of the force's workbook holds crime tables; hidden sheets are not read, so its areas are "
    "missing from the tables. Unhide it in Excel if its figures belong in the pack.")
CRIME_FORCE_FROM_LIST = ProblemCode(
    "crime-force-from-list", Severity.WARNING, "The force's name comes from the category list, not the file",
    "The force's table is headed only \"Force Wide\" (or similar) and none of its areas is the listed force's, so "
    "the force's name is the category list's. Give --force or your own category list if it is another force.")
CRIME_MONTH_TWICE = ProblemCode(
    "crime-month-twice", Severity.ERROR, "The same month is given in two columns",
    "A table with a column per month has two columns for one month; its crimes would be counted twice. Give each "
    "month once.")
CRIME_MONTH_CELL_BLANK = ProblemCode(
    "crime-month-cell-blank", Severity.WARNING, "Month cells of a crime table hold no count",
    "Cells of the compared months hold no count (blank, \"..\", \"[x]\" or a figure of another kind such as "
    "a percentage); they add nothing, so their rows' figures may be short.")
CRIME_TOTAL_LIKE_FOR_LIKE = ProblemCode(
    "crime-total-like-for-like", Severity.WARNING, "Total crime leaves out offences given for one year only",
    "Total crime is summed from the file's offence rows; an offence with a figure in only one of the two years "
    "(its row missing or suppressed) is left out of both years' total so that they compare like for like.")
CRIME_DATES_MONTH_FIRST = ProblemCode(
    "crime-dates-month-first", Severity.INFO, "The extract's dates are month first",
    "Dates are read day first (UK) unless the extract itself proves them month first: a date such as 04/13/2018 "
    "and none such as 13/04/2018. Then all its dates are read month first.")
CRIME_REPORTED_BY_OTHER_FORCE = ProblemCode(
    "crime-reported-by-other-force", Severity.WARNING, "Records reported by another force are counted as the force's",
    "Some records' \"Reported by\" names another force than their \"Falls within\": typically British Transport "
    "Police's records of crimes on the railway in the force's area. They are counted, as police.uk shows them in "
    "the area, but they are not the force's own recorded crime (the Home Office and ONS count them under British "
    "Transport Police), so the figures are higher than the force's published ones by that many. Leave out the "
    "other force's file if the figures must be the force's own recorded crime.")
