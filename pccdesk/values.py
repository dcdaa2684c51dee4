"""Reading the figures a force writes: ``98.8% (+/-0.6%)``, ``+2,736 + 13%``, ``£1.2m``, ``N/A``…

One function, :func:`parse_value`, turns any cell (number or text) into a
:class:`ParsedValue` holding the value, its unit, the ± half-width of a survey
estimate, any change the force stated, and always the original text. Text that
is neither a figure nor a known placeholder is never guessed: it comes back with
``error`` set so the caller can report it with its cell.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from pccdesk.records import record

PERCENT = "percent"
NUMBER = "number"
CURRENCY = "currency"
DAYS = "days"
RATE = "rate"


@record(frozen=True)
class ParsedValue:
    """A figure as the force gave it. ``value`` is in the unit's natural scale (98.8 for 98.8%)."""

    text: str
    value: float | None = None
    unit: str | None = None
    half_width: float | None = None
    change: float | None = None
    change_percent: float | None = None
    qualifier: str = ""
    placeholder: bool = False
    error: str = ""

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    @property
    def no_data(self) -> bool:
        """True for blanks and placeholders: there is no figure to compare."""
        return self.value is None

    @property
    def is_change(self) -> bool:
        """A stated change (``+47``, ``-6%``), never to be taken for a level."""
        return self.change is not None or self.change_percent is not None


_PLACEHOLDER_EXACT = {
    "n/a", "na", "n.a.", "n/k", "-", "–", "—", "--", "..", "...", "*", "x", "[x]", "[c]", "[z]", "[u]", "[low]",
    "nil", "none", "tbc", "tba", "to follow", "not available", "not applicable", "not known", "unknown",
    "not previously reported", "no data", "awaiting data", "pending", "not reported", "not collected",
    "n/a*", "#n/a", "#div/0!", "#value!", "#ref!",
}
_PLACEHOLDER_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^not (yet |previously )?(reported|available|applicable|known|collected|measured|published)\b.*$",
        r"^data (not )?(yet )?(available|due|expected|to follow)\b.*$",
        r"^(see|refer to) .*$",
        r"^awaiting\b.*$",
        r"^no (data|figure|figures|national comparison|baseline|return)\b.*$",
        r"^(available|due|expected|reported) (in|from|by|at)?\s*\w+.*$",
        r"^new (measure|indicator)\b.*$",
        r"^baseline (year|to be set)\b.*$",
        r"^(under|in) (development|review)\b.*$",
    )
]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SPACES = re.compile(r"\s+")
_CI = re.compile(r"\(\s*(?:\+\s*/\s*-|±|\+-)\s*(" + _NUM + r")\s*(%|pp|ppts?)?\s*\)")
_CI_BARE = re.compile(r"(?:\+\s*/\s*-|±|\+-)\s*(" + _NUM + r")\s*(%|pp|ppts?)?")
_MAIN = re.compile(
    r"^(?P<neg>\()?\s*(?P<sign>[-+−–])?\s*(?P<cur>£)?\s*(?P<num>" + _NUM + r")\s*(?P<scale>bn|m|k)?\b\s*(?P<pct>%)?"
    r"\s*(?P<close>\))?(?P<rest>.*)$",
    re.IGNORECASE,
)
_CHANGE_PAIR = re.compile(
    r"^(?P<s1>[-+−–])\s*(?P<n1>" + _NUM + r")\s*(?P<p1>%)?\s*(?P<word1>crimes?|offences?|incidents?)?\s*,?\s*"
    r"(?:(?P<s2>[-+−–])\s*(?P<n2>" + _NUM + r")\s*(?P<p2>%)?\s*(?P<word2>crimes?|offences?|incidents?)?)?\s*$",
    re.IGNORECASE,
)
#: ``1.2E+03``: how some systems export a number to CSV.
_SCIENTIFIC = re.compile(r"^[-+]?\d+(?:\.\d+)?[eE][-+]?\d{1,3}$")
#: A footnote marker written as superscript digits after a figure (``12.5%²``): not part of the value.
_SUPERSCRIPT_TRAIL = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9}
_QUALIFIER_UNITS = [
    (re.compile(r"^(days?)\b(.*)$", re.IGNORECASE), DAYS),
    (re.compile(r"^(per|a|each|/)\s*(month|week|day|year|quarter|1,?000.*|100,?000.*)\b(.*)$", re.IGNORECASE), RATE),
]


def _num(text: str) -> float:
    return float(text.replace(",", ""))


#: Figures are kept to this many significant digits: enough for any figure a force gives, few enough that the
#: noise of binary floating point (0.814 × 100 = 81.39999999999999) never shows.
SIGNIFICANT_DIGITS = 12


def count_number(value: Any) -> float | None:
    """A cell's figure as a count: numbers as they are, text parsed, and None for a blank, a placeholder, a
    stated change (``+47``) or a figure of another kind (``6%``, ``£70``, ``12 days``), none of which is a
    count however it is written (the caller says so at the cell)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    parsed = parse_value(str(value))
    return None if parsed.is_change or parsed.unit not in (None, NUMBER) else parsed.value


def tidy_number(value: float | None, decimals: int | None = None) -> float | None:
    """A figure as the force gave it: a whole number as an ``int`` (270, not 270.0), anything else rounded to
    ``decimals`` places when the text said how many, and never carrying floating-point noise."""
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return value
    if decimals is not None:
        value = round(value, decimals)
    cleaned = float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if cleaned.is_integer() and abs(cleaned) < 2**53:
        return int(cleaned)
    return cleaned


def as_fraction(percent: float | None) -> float | None:
    """A percentage (81.4) as the fraction a cell with a percent format holds (0.814, not 0.8140000000000001)."""
    if percent is None:
        return None
    return float(f"{percent / 100:.{SIGNIFICANT_DIGITS}g}")


def _decimals(text: str) -> int:
    """How many decimal places a figure was written with: ``81.40`` → 2, ``270`` → 0."""
    return len(text.split(".", 1)[1]) if "." in text else 0


def _sign(ch: str | None) -> float:
    return -1.0 if ch in ("-", "−", "–") else 1.0


def is_placeholder(text: str) -> bool:
    t = _SPACES.sub(" ", text.strip()).lower()
    if t in _PLACEHOLDER_EXACT:
        return True
    return any(p.match(t) for p in _PLACEHOLDER_PATTERNS)


def parse_value(raw: Any, *, percent_format: bool = False) -> ParsedValue:
    """Parse one cell as a force writes it.

    ``raw`` is what the reader gave (a number, a string, a bool, a date or None).
    ``percent_format`` says the cell was formatted as a percentage in Excel, so
    a stored 0.988 means 98.8%.
    """
    if raw is None:
        return ParsedValue(text="")
    if isinstance(raw, bool):
        return ParsedValue(text=str(raw), error=f'"{raw}" is a true/false value, not a figure')
    if isinstance(raw, int | float):
        value = float(raw)
        if math.isnan(value) or math.isinf(value):
            return ParsedValue(text=str(raw), error="the cell holds an error or an infinite number")
        if percent_format:
            pct = tidy_number(value * 100)
            return _within_limit(ParsedValue(text=f"{_fmt(float(pct or 0))}%", value=pct, unit=PERCENT))
        return _within_limit(ParsedValue(text=_fmt(value), value=tidy_number(value), unit=NUMBER))
    if not isinstance(raw, str):
        text = str(raw)
        return ParsedValue(text=text, error=f'"{text}" is a date or time, not a figure')
    return parse_text(raw)


def _fmt(value: float) -> str:
    return f"{value:,.10g}" if abs(value) < 1e15 else repr(value)


@functools.lru_cache(maxsize=65536)
def parse_text(raw: str) -> ParsedValue:
    """Parse a text cell. Cached: a force's sheet repeats the same texts ("N/A", "2014/15") many times,
    and :class:`ParsedValue` is immutable."""
    return _within_limit(_parse_text(raw))


#: No police or crime figure comes near this (the history store refuses beyond it too); ±1e308 or a
#: 400-digit "999…%" is an error in the cell, not a figure, and would overflow later arithmetic.
FIGURE_LIMIT = 1e15


def _within_limit(parsed: ParsedValue) -> ParsedValue:
    numbers = (parsed.value, parsed.half_width, parsed.change, parsed.change_percent)
    if all(n is None or (math.isfinite(n) and abs(n) <= FIGURE_LIMIT) for n in numbers):
        return parsed
    shown = parsed.text.strip()
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return ParsedValue(text=parsed.text, error=f'"{shown}" is too large a number to be a figure')


def _parse_text(raw: str) -> ParsedValue:
    text = raw
    t = _SPACES.sub(" ", raw.replace("\u00a0", " ")).strip()
    if not t:
        return ParsedValue(text=text)
    if is_placeholder(t):
        return ParsedValue(text=text, placeholder=True)
    if _SCIENTIFIC.match(t):
        number = float(t)
        if math.isinf(number):
            return ParsedValue(text=text, error=f'"{raw.strip()}" is too large a number to be a figure')
        return ParsedValue(text=text, value=tidy_number(number), unit=NUMBER)
    t = _SUPERSCRIPT_TRAIL.sub("", t).strip() or t

    change = _parse_change(t)
    if change is not None:
        return ParsedValue(text=text, unit=change[2], change=change[0], change_percent=change[1])

    half_width = None
    ci_unit = None
    ci = _CI.search(t)
    if ci is not None:
        half_width, ci_unit = _num(ci.group(1)), ci.group(2)
        t = (t[: ci.start()] + t[ci.end():]).strip()
    else:
        bare = _CI_BARE.search(t)
        if bare is not None and bare.start() > 0:
            half_width, ci_unit = _num(bare.group(1)), bare.group(2)
            t = t[: bare.start()].strip()

    m = _MAIN.match(t)
    if m is None:
        return ParsedValue(text=text, error=f'"{raw.strip()}" is not a number or a recognised "no data" text')
    if bool(m.group("neg")) != bool(m.group("close")):
        return ParsedValue(text=text, error=f'"{raw.strip()}" has an unmatched bracket')
    value = _num(m.group("num")) * _sign(m.group("sign"))
    if m.group("neg"):
        value = -value
    unit = NUMBER
    if m.group("cur"):
        unit = CURRENCY
    if m.group("scale"):
        if not m.group("cur") and m.group("scale").lower() != "k":
            return ParsedValue(text=text, error=f'"{raw.strip()}": "{m.group("scale")}" after a number is not understood')
        value *= _SCALES[m.group("scale").lower()]
    if m.group("pct"):
        unit = PERCENT
    rest = m.group("rest").strip()
    qualifier = ""
    if rest:
        qualifier = rest
        matched_unit = None
        for pattern, qual_unit in _QUALIFIER_UNITS:
            if pattern.match(rest):
                matched_unit = qual_unit
                break
        if matched_unit is not None and unit is NUMBER:
            unit = matched_unit
        elif matched_unit is None and not _allowed_trailer(rest, unit):
            return ParsedValue(
                text=text, error=f'"{raw.strip()}" has text after the number that is not understood ("{rest}")'
            )
    if half_width is not None and unit is NUMBER and ci_unit:
        unit = PERCENT
    decimals = None if m.group("scale") else _decimals(m.group("num"))
    return ParsedValue(text=text, value=tidy_number(value, decimals), unit=unit,
                       half_width=tidy_number(half_width), qualifier=qualifier)


def _allowed_trailer(rest: str, unit: str) -> bool:
    """Words a force writes after a figure that do not change its meaning."""
    r = rest.lower().strip(" .,;")
    if not r:
        return True
    if unit == PERCENT and re.match(r"^(over|within|under|of|in|at)\b", r):
        return True
    return bool(re.match(r"^(crimes?|offences?|incidents?|cases?|people|victims?|arrests?|officers?|complaints?|"
                         r"hours?|mins?|minutes?|calls?|referrals?|fte|approx\.?|\*+|\(provisional\)|provisional)$", r))


def _parse_change(t: str) -> tuple[float | None, float | None, str] | None:
    """``+6%, +47 crimes``, ``+2,736 + 13%``, ``- 34 - 27%``, ``+ 415``: a stated change, not a level.

    A leading ``+`` always means a change; a leading ``-`` does when a space
    follows it or a second signed figure comes after, since ``-34`` alone is
    just a negative number.
    """
    m = _CHANGE_PAIR.match(t)
    if m is None:
        return None
    s1 = m.group("s1")
    two = m.group("n2") is not None
    if s1 not in ("+",) and not two and not re.match(r"^[-−–]\s", t):
        return None
    first = _num(m.group("n1")) * _sign(s1)
    change: float | None = None
    pct: float | None = None
    if m.group("p1"):
        pct = first
    else:
        change = first
    if two:
        second = _num(m.group("n2")) * _sign(m.group("s2"))
        if m.group("p2"):
            if pct is not None:
                return None
            pct = second
        else:
            if change is not None:
                return None
            change = second
    return tidy_number(change), tidy_number(pct), (PERCENT if change is None and pct is not None else NUMBER)
