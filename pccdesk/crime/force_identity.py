"""Which force a row, a file or ``--force`` means: by GSS code where there is one, by name only as a fallback.

ONS tables list regions and countries among the forces, and a region can share
a force's name ("West Midlands " the region, E12000005, comes just before
"West Midlands" the force, E23000014). The Government Statistical Service code
settles it: ``E23`` (England) and ``W15`` (Wales) are police force areas;
``E12`` regions, ``E92``/``W92`` countries and ``K04`` England and Wales are
never a force. Names are compared as sets of words with footnote digits,
``&``/``and``, "Police", "Constabulary" and "Service" ignored, so that
"Durham Constabulary" (data.police.uk) is "Durham" (ONS) and "London, City of"
is "City of London Police".

The local areas of every force come from the ONS lookup of local authority
districts → community safety partnerships → police force areas, shipped as
``templates/crime-area-lookup.csv`` (Open Government Licence v3.0; the
December 2016 edition). To refresh it, download the newest "Local Authority
District to Community Safety Partnership to Police Force Area" lookup (CSV)
from the ONS Open Geography Portal and run
``python -m pccdesk.crime.force_identity NEW.csv``: the columns (``LADxxCD``,
``LADxxNM``, ``CSPxxCD``, ``CSPxxNM``, ``PFAxxCD``, ``PFAxxNM``, any year) are
checked and the file is copied into place.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from pccdesk.problems import Location, PccdeskError
from pccdesk.readers.headings import heading_key
from pccdesk.records import record

LOOKUP_NAME = "crime-area-lookup.csv"
FORCE_PREFIXES = ("E23", "W15")
NOT_FORCE_PREFIXES = {"E12": "a region", "E92": "a country", "W92": "a country", "K04": "England and Wales",
                      "K02": "the United Kingdom", "K03": "Great Britain"}
_CODE = re.compile(r"^[EWSNK]\d{8}$")
_FORCE_WORDS = {"police", "constabulary", "service", "force", "area"}


#: Bodies that report crime for the whole country but police no area: the national fraud reporting centres
#: (the Home Office's ``rec-crime-pfa.csv`` lists them as "PFA" with Region "Fraud: Action Fraud" and so on).
#: They are never a force: left out of ``--force all`` and of the forces a refusal offers, with a note.
REPORTING_BODIES = ("Action Fraud", "CIFAS", "UK Finance")
#: Police forces that are not territorial police force areas: they have no local areas, no PCC's plan and
#: no place in a national total by area. Kept as forces, and labelled so.
NOT_TERRITORIAL = ("British Transport Police", "Ministry of Defence Police", "Civil Nuclear Constabulary")
NOT_TERRITORIAL_LABEL = "not a territorial police force area"


def is_reporting_body(name: object, region: object = None) -> bool:
    """Whether a "force" of a national table is a fraud reporting body (by its name, or a "Fraud: …" region)."""
    if heading_key(region).startswith("fraud"):
        return True
    key = force_key(name)
    return bool(key) and any(key == force_key(body) for body in REPORTING_BODIES)


def is_territorial(name: object) -> bool:
    """False for a force that polices no area of its own (British Transport Police)."""
    key = force_key(name)
    return not (key and any(key == force_key(force) for force in NOT_TERRITORIAL))


def force_label(name: str) -> str:
    """A force's name as a list of forces shows it: "British Transport Police (not a territorial police force
    area)"."""
    return name if is_territorial(name) else f"{name} ({NOT_TERRITORIAL_LABEL})"


def bodies_left_out(bodies: list[str]) -> str:
    """The sentence naming the reporting bodies left out: "Action Fraud, CIFAS and UK Finance report fraud for
    the whole country and are not police forces"."""
    names = ", ".join(bodies[:-1]) + f" and {bodies[-1]}" if len(bodies) > 1 else bodies[0]
    verb = "report" if len(bodies) > 1 else "reports"
    return f"{names} {verb} fraud for the whole country and {'are' if len(bodies) > 1 else 'is'} not " \
        f"{'police forces' if len(bodies) > 1 else 'a police force'}"


def short_force_name(name: str) -> str:
    """A force's name without "Police", "Constabulary" or "Police Service" ("Durham Constabulary" → "Durham"),
    for sheet names that must fit in 31 characters."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _FORCE_WORDS:
        words.pop()
    return " ".join(words) or name


def gss_code(value: object) -> str | None:
    """The GSS code in a cell (``E23000014``), or None."""
    text = str(value or "").strip().upper()
    return text if _CODE.match(text) else None


def code_kind(code: str | None) -> str | None:
    """``force`` for a police force area code, what else it is for another code, None without a code."""
    if not code:
        return None
    if code.startswith(FORCE_PREFIXES):
        return "force"
    return NOT_FORCE_PREFIXES.get(code[:3], "an area")


def force_key(name: object) -> frozenset[str]:
    """The words that identify a force's name: "Durham Constabulary" and "Durham" give the same key."""
    words = set(heading_key(name).split()) - _FORCE_WORDS - {"and", "of", "the"}
    return frozenset(words)


def same_force(a: object, b: object) -> bool:
    key_a, key_b = force_key(a), force_key(b)
    if key_a and key_a == key_b:
        return True
    code_a, code_b = gss_code(a), gss_code(b)
    return code_a is not None and code_a == code_b


@record(frozen=True)
class LocalArea:
    """One local authority district of the lookup, with its community safety partnership and force."""

    lad_code: str
    lad: str
    csp_code: str
    csp: str
    pfa_code: str
    pfa: str


@record(frozen=True)
class AreaLookup:
    rows: tuple[LocalArea, ...]
    source: str

    def force(self, name_or_code: str) -> tuple[str, str] | None:
        """(code, name) of the force a name or code means, or None when the lookup does not know it."""
        code = gss_code(name_or_code)
        for row in self.rows:
            if (code and row.pfa_code == code) or (not code and same_force(row.pfa, name_or_code)):
                return row.pfa_code, row.pfa
        return None

    def districts(self, force_code: str) -> list[LocalArea]:
        return [row for row in self.rows if row.pfa_code == force_code]

    def district(self, name: str) -> LocalArea | None:
        """The district a name means (``Bristol`` is ``Bristol, City of``), or None when no district has it."""
        key = heading_key(name)
        for row in self.rows:
            if heading_key(row.lad) == key or heading_key(row.csp) == key:
                return row
        # data.police.uk's LSOA names drop ONS's ", City of" ("Bristol 001A" is in "Bristol, City of")
        close = [row for row in self.rows if key and heading_key(row.lad).startswith(key + " ")]
        return close[0] if len(close) == 1 else None


    def force_of_areas(self, names: list[str]) -> str | None:
        """The one force whose districts these area names are (all those the lookup knows, at least 4 in 5 of
        them), or None: how a borough table with no force column is known to be the Metropolitan Police's."""
        found = [self.district(name) for name in names if name.strip()]
        known = [d for d in found if d is not None]
        forces = {d.pfa for d in known}
        if len(forces) == 1 and found and len(known) >= 0.8 * len(found):
            return forces.pop()
        return None


def _columns(header: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for c, head in enumerate(header):
        m = re.fullmatch(r"(LAD|CSP|PFA)\d{2}(CD|NM)", head.strip().upper())
        if m:
            found[m.group(1) + m.group(2)] = c
    wanted = ("LADCD", "LADNM", "CSPCD", "CSPNM", "PFACD", "PFANM")
    return found if all(w in found for w in wanted) else None


def read_lookup(path: Path) -> AreaLookup:
    """A lookup file (the shipped one or a newer ONS download)."""
    from pccdesk.readers.text_files import head_text_rows

    rows = head_text_rows(path, 100_000)
    cols = _columns(rows[0]) if rows else None
    if cols is None:
        raise PccdeskError("this is not an ONS local authority → community safety partnership → police force area "
                           "lookup (columns LADxxCD, LADxxNM, CSPxxCD, CSPxxNM, PFAxxCD, PFAxxNM)",
                           Location.of(path), code="crime-lookup-unreadable")
    areas = []
    for row in rows[1:]:
        if len(row) <= max(cols.values()) or not row[cols["PFACD"]].strip():
            continue
        areas.append(LocalArea(*(row[cols[k]].strip() for k in ("LADCD", "LADNM", "CSPCD", "CSPNM", "PFACD",
                                                                   "PFANM"))))
    return AreaLookup(tuple(areas), path.name)


@functools.lru_cache(maxsize=1)
def shipped_lookup() -> AreaLookup:
    """The lookup shipped in templates/ (read once per run)."""
    from pccdesk.resources import templates_dir

    return read_lookup(templates_dir() / LOOKUP_NAME)


def refresh_lookup(new: Path, templates: Path) -> Path:
    """Check a newer ONS lookup and copy it into ``templates`` as the shipped one."""
    import shutil

    found = read_lookup(new)
    if len({a.pfa_code for a in found.rows}) < 40:
        raise PccdeskError("the lookup names fewer than 40 police force areas: not the whole of England and Wales",
                           Location.of(new), code="crime-lookup-unreadable")
    target = templates / LOOKUP_NAME
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(new, partial)
    partial.replace(target)  # moved into place whole: never a half-copied lookup
    return target


if __name__ == "__main__":  # python -m pccdesk.crime.force_identity NEW.csv: refresh the shipped lookup
    from pccdesk.resources import templates_dir

    print(refresh_lookup(Path(sys.argv[1]), templates_dir()))
