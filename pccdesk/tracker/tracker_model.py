"""Records of the tracker: inspections, their findings and progress, PEEL grades and scrutiny actions.

Plain dataclasses and enums: the importer turns cells into these at the edge,
the store keeps them, the rules and sheets trust their types. Every enum's
value is the word a person types in the register, so import and export use
the same words.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import field

from pccdesk.records import record


class FindingKind(enum.Enum):
    RECOMMENDATION = "Recommendation"
    AREA_FOR_IMPROVEMENT = "Area for improvement"
    AREA_FOR_CONSIDERATION = "Area for consideration"
    CAUSE_OF_CONCERN = "Cause of concern"
    INNOVATIVE_PRACTICE = "Innovative practice"

    @property
    def short(self) -> str:
        """The abbreviation used in narrow columns (AFI is the word OPCCs use)."""
        return {"Recommendation": "Rec", "Area for improvement": "AFI", "Area for consideration": "AFC",
                "Cause of concern": "CoC", "Innovative practice": "Innovation"}[self.value]


class FindingStatus(enum.Enum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETE = "Complete"
    CLOSED = "Closed – no further action"

    @property
    def is_done(self) -> bool:
        return self in (FindingStatus.COMPLETE, FindingStatus.CLOSED)


class PeelGrade(enum.Enum):
    """The five-point PEEL scale (best first) plus ``n/a`` for a question not inspected for a force."""

    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    ADEQUATE = "Adequate"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"
    NOT_APPLICABLE = "n/a"

    @property
    def rank(self) -> int | None:
        """1 (Outstanding) to 5 (Inadequate); None for ``n/a`` (it cannot be compared)."""
        order = [PeelGrade.OUTSTANDING, PeelGrade.GOOD, PeelGrade.ADEQUATE, PeelGrade.REQUIRES_IMPROVEMENT,
                 PeelGrade.INADEQUATE]
        return order.index(self) + 1 if self in order else None


class Rag(enum.Enum):
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"


#: The ten questions of the PEEL 2021/22 onwards assessment, in the order HMICFRS reports them in
#: grade tables (seed 003). Each has the other names OPCC spreadsheets use for it.
PEEL_QUESTIONS: dict[str, tuple[str, ...]] = {
    "Public treatment": ("public treatment", "treatment of the public", "legitimacy", "fair treatment"),
    "Prevention and deterrence": ("prevention and deterrence", "prevention & deterrence", "preventing crime", "deterrence"),
    "Responding to the public": ("responding to the public", "responding", "response"),
    "Investigating crime": ("investigating crime", "investigations", "investigation"),
    "Protecting vulnerable people": ("protecting vulnerable people", "protecting vulnerable", "vulnerability"),
    "Managing offenders": ("managing offenders", "managing offenders and suspects", "offenders"),
    "Building a workforce": ("building a workforce", "developing a positive workplace", "workforce",
                             "building, supporting & protecting workforce", "positive workplace"),
    "Leadership and management": ("leadership and management", "leadership & management",
                                  "leadership and force management", "leadership"),
    "Crime data integrity": ("crime data integrity", "cdi", "crime data", "crime recording"),
    "Serious and organised crime": ("serious and organised crime", "serious & organised crime", "soc"),
}


def question_name(heading: str) -> str | None:
    """The standard question a column heading names, or None."""
    key = " ".join(str(heading).replace("\n", " ").split()).strip().lower()
    for name, aliases in PEEL_QUESTIONS.items():
        if key == name.lower() or key in aliases:
            return name
    return None


@record
class Inspection:
    title: str
    inspectorate: str = "HMICFRS"
    kind: str = ""  # PEEL, thematic, joint, spotlight…
    published: dt.date | None = None
    forces: str = ""
    summary: str = ""
    link: str = ""
    response_required: bool = False
    response_due: dt.date | None = None


@record
class ProgressUpdate:
    ref: str
    on: dt.date
    text: str
    by: str = ""


@record
class Finding:
    ref: str
    inspection: str
    kind: FindingKind
    text: str
    question: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: FindingStatus = FindingStatus.NOT_STARTED
    completed: dt.date | None = None
    force_position: str = ""
    updates: list[ProgressUpdate] = field(default_factory=list)
    updated_by: str = ""
    updated_at: str = ""

    @property
    def last_update(self) -> dt.date | None:
        return max((u.on for u in self.updates), default=None)


@record
class ScrutinyAction:
    ref: str
    meeting: str
    meeting_date: dt.date | None
    item: str
    action: str
    question: str = ""
    owner: str = ""
    due: dt.date | None = None
    status: FindingStatus = FindingStatus.NOT_STARTED
    completed: dt.date | None = None
    outcome: str = ""
    reported_rag: str = ""  # a RAG the force itself reported (e.g. "Amber" on spend), kept beside ours
    updates: list[ProgressUpdate] = field(default_factory=list)
    updated_by: str = ""
    updated_at: str = ""

    @property
    def last_update(self) -> dt.date | None:
        return max((u.on for u in self.updates), default=None)


@record
class GradeEntry:
    """One force's grade for one question in one PEEL round; ``grade`` None when no grade is shown."""

    force: str
    question: str
    year: str
    grade: PeelGrade | None
    percent: float | None = None  # crime data integrity's recording rate, 0–100
    mark: str = ""  # the cell as typed when it is not a grade ("-", "_", "=")

    @property
    def text(self) -> str:
        """The grade as words, with the CDI rate where there is one: ``Good (96.2%)``."""
        if self.grade is None:
            return "Not graded" if self.mark else ""
        if self.percent is not None:
            return f"{self.grade.value} ({self.percent:g}%)"
        return self.grade.value


@record
class Register:
    """Everything one register workbook holds."""

    inspections: list[Inspection] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    actions: list[ScrutinyAction] = field(default_factory=list)
    grades: list[GradeEntry] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
