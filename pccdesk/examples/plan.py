"""The bundled example: the Northumbria Police and Crime Plan indicators of 2015 and the force's
figures for April–June 2015, exactly as published in the PCC's "Delivery of the Police and Crime
Plan" report (seed 001). Targets are those the plan's wording states ("to 75% of cases charged").
Amber margins (5 points) are the example OPCC's choice, not the plan's.
"""

from __future__ import annotations

from pccdesk.examples import EXAMPLE_PERIOD  # noqa: F401  (where the example's other modules look for it)
from pccdesk.records import record

PLAN_NAME = "Northumbria Police and Crime Plan 2013-18 (example)"

V = "Putting Victims First"
A = "Dealing with Anti-Social Behaviour (ASB)"
D = "Domestic and Sexual Abuse (D&SA)"
P = "Preventing Crime"
C = "Community Confidence"


@record(frozen=True)
class ExampleIndicator:
    ref: str
    objective: str
    wording: str
    measure: str
    better: str = ""
    target: float | None = None
    amber_within: float | None = None
    match: str = ""
    parent: str = ""


EXAMPLE_INDICATORS: tuple[ExampleIndicator, ...] = (
    ExampleIndicator("V1", V, "Percentage of victims satisfied with ease of contact.", "percent", "higher",
                     match="Victim satisfaction - ease of contact"),
    ExampleIndicator("V2", V, "Percentage of victims satisfied with the time of arrival.", "percent", "higher"),
    ExampleIndicator("V3", V, "Percentage of needs assessment completed to a satisfactory standard of contact.",
                     "percent", "higher", 90, 5, match="Needs assessments to a satisfactory standard"),
    ExampleIndicator("V4", V, "Compliance with National Crime Recording Standards.", "percent", "higher",
                     match="Crime recording compliance;NCRS compliance"),
    ExampleIndicator("A1", A, "Percentage of ASB victims satisfied with attendance at incidents.", "percent", "higher"),
    ExampleIndicator("A2", A, "Percentage of victims satisfied with the overall response to the ASB problem.",
                     "percent", "higher"),
    ExampleIndicator("D1", D, "Reduce the attrition rate from report to conviction (shown as a report to conviction "
                     "rate).", "percent", "higher"),
    ExampleIndicator("D1a", D, "Rape", "percent", "higher", parent="D1"),
    ExampleIndicator("D1b", D, "Sexual Offences (excluding rape offences)", "percent", "higher", parent="D1"),
    ExampleIndicator("D1c", D, "Domestic Violence", "percent", "higher", parent="D1"),
    ExampleIndicator("D2", D, "Increase the conviction rate for domestic abuse to 75% of cases charged.", "percent",
                     "higher", 75, 5, match="Domestic abuse conviction rate"),
    ExampleIndicator("D3", D, "Number of referrals into domestic abuse perpetrator programmes.", "number", "higher"),
    ExampleIndicator("P1", P, "Reduce the number of burglary dwelling offences.", "number", "lower"),
    ExampleIndicator("P2", P, "Reducing the percentage of high or medium risk victims who have suffered a subsequent "
                     "incident.", "percent", "lower"),
    ExampleIndicator("P2a", P, "Domestic Violence", "percent", "lower", parent="P2"),
    ExampleIndicator("P2b", P, "Crime", "percent", "lower", parent="P2"),
    ExampleIndicator("P2c", P, "Anti-social behaviour", "percent", "lower", parent="P2"),
    ExampleIndicator("P2d", P, "Hate", "percent", "lower", parent="P2"),
    ExampleIndicator("P2e", P, "Overall", "percent", "lower", parent="P2"),
    ExampleIndicator("C1", C, "Percentage of time neighbourhood officers spend outside a police station in their "
                     "neighbourhood.", "percent", "higher"),
    ExampleIndicator("C2", C, "Re-bail rate.", "percent", "lower"),
    ExampleIndicator("C3", C, "Percentage of bails concluded over 28 days.", "percent", "lower"),
    ExampleIndicator("C4", C, "Increase the conviction rate at Magistrate’s Court to 85%.", "percent", "higher", 85, 5),
    ExampleIndicator("C5", C, "Increase the percentage of guilty pleas at first hearing to 70%.", "percent", "higher",
                     70, 5),
    ExampleIndicator("C6", C, "Ensure 100% of cases, the Investigating Officer makes contact with the complainant "
                     "within 24 hours of registration of a complaint.", "percent", "higher", 100, 5,
                     match="Investigating officer contact within 24 hours"),
    ExampleIndicator("C7", C, "Reduce the number of days to finalise complaint, with 50% finalised within 50 days.",
                     "percent", "higher", 50, 5),
    ExampleIndicator("C8", C, "Establish a baseline of satisfaction of complainants in order to increase the "
                     "percentage that are satisfied with how the complaint has been managed.", "percent", "higher"),
    ExampleIndicator("C9", C, "Reduce the number of allegations that relate to incivility, impoliteness or "
                     "intolerance.", "rate", "lower"),
    ExampleIndicator("C10", C, "Reduce the percentage of appeals made and the percentage of those upheld", "percent",
                     "lower"),
    ExampleIndicator("C10a", C, "% of appeals made", "percent", "lower", parent="C10"),
    ExampleIndicator("C10b", C, "% of appeals upheld", "percent", "lower", parent="C10"),
    ExampleIndicator("C11", C, "Number of live complaints being managed.", "number", "lower"),
)


@record(frozen=True)
class ExampleFigure:
    """One row of the force's return, as written in the published report."""

    ref: str
    previous: str | float | None
    previous_period: str
    current: str | float | None
    current_period: str
    note: str = ""


NNC = "No National Comparison available"

EXAMPLE_FIGURES: tuple[ExampleFigure, ...] = (
    ExampleFigure("V1", "99.0% (+/-0.6%)", "12 months to May 2015", "98.8% (+/-0.6%)", "12 months to Jun 2015",
                  "Placed 1st nationally (12 months to March 2015)"),
    ExampleFigure("V2", "93.7% (+/-1.1%)", "12 months to May 2015", "92.9% (+/- 1.2%)", "12 months to June 2015", NNC),
    ExampleFigure("V3", "Not previously reported", "", "87% (+/- 2.5%)", "April to June 2015", "Target 90%"),
    ExampleFigure("V4", "87% (+/- 0.5%)", "Sept '14 to March '15", "82% (+/- 1.2%)", "April to May 2015", NNC),
    ExampleFigure("A1", "93.4% (+/- 1.4%)", "12 months to May 2015", "93.2% (+/- 1.5%)", "12 months to June 2015", NNC),
    ExampleFigure("A2", "Not previously reported", "", "Data available August 2015", "N/A", NNC),
    ExampleFigure("D1a", 0.10, "2014/15", 0.11, "Year to date", "National rate 7% (April to May 2015)"),
    ExampleFigure("D1b", 0.21, "2014/15", 0.18, "Year to date", "National rate 11% (April to May 2015)"),
    ExampleFigure("D1c", 0.34, "2014/15", 0.31, "Year to date", "CPS monitor Charge to Conviction police monitor "
                  "Complaint to Conviction National comparisons not applicable"),
    ExampleFigure("D2", 0.66, "2014/15", 0.68, "April to May 2015", "National rate 74% (April to May 2015)"),
    ExampleFigure("D3", "N/A", "N/A", 4, "April to June 2015", "1 each to Sunderland BIG Programme, South Tyneside DA "
                  "Perpetrators Programme and Newcastle DV Protection Project."),
    ExampleFigure("P1", "+7%, +36 crimes", "As at 3 June 2015", "+6%, +47 crimes", "As at 6 July 2015",
                  "Placed 1st against most similar family group"),
    ExampleFigure("P2a", 0.48, "12 months to June 2014", 0.47, "12 months to June 2015"),
    ExampleFigure("P2b", 0.29, "12 months to June 2014", 0.35, "12 months to June 2015"),
    ExampleFigure("P2c", 0.22, "12 months to June 2014", 0.23, "12 months to June 2015"),
    ExampleFigure("P2d", 0.43, "12 months to June 2014", 0.57, "12 months to June 2015"),
    ExampleFigure("P2e", 0.44, "12 months to June 2014", 0.44, "12 months to June 2015"),
    ExampleFigure("C1", 0.47, "2014/15", 0.47, "April to June 2015", NNC),
    ExampleFigure("C2", "41.6%", "2014/15", "36.2%", "April to June 2015", NNC),
    ExampleFigure("C3", "75% over 28 days", "2014/15", "74% over 28 days", "April to June 2015", NNC),
    ExampleFigure("C4", 0.792, "2014/15", 0.814, "April to May 2015", NNC),
    ExampleFigure("C5", 0.68, "July 2014 to March 2015", 0.68, "April to May 2015", NNC),
    ExampleFigure("C6", "Not previously reported", "", 1.0, "April to June 2015", NNC),
    ExampleFigure("C7", "Not previously reported", "", 0.79, "1st April to 12th May", NNC),
    ExampleFigure("C8", "Not previously reported", "", "See future activity", "", NNC),
    ExampleFigure("C9", "27 per month", "2014/15", "21 per month", "April to June 2015", NNC),
    ExampleFigure("C10a", 0.18, "2014/15", 0.16, "April to June 2015", NNC),
    ExampleFigure("C10b", 0.25, "2014/15", 0.26, "April to June 2015"),
    ExampleFigure("C11", 270, "As at 31 March 2015", 178, "As at 30 June 2015",
                  "Number of complaints created prior to 1st April 2015 has reduced to 101."),
)
