"""Wording reduced to what matters for comparing: one place, used by matching and by the meaning words."""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s%]")
_SPACES = re.compile(r"\s+")
_FOOTNOTE = re.compile(r"(?<=[a-z).])\d{1,2}(,\d{1,2})*$")


@functools.lru_cache(maxsize=65536)
def normalise_wording(text: str) -> str:
    """Wording reduced to what matters for comparing: ``Percentage of victims…`` ≡ ``% victims…``."""
    t = unicodedata.normalize("NFKC", text or "").lower()
    t = t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = _FOOTNOTE.sub("", t.strip())
    t = t.replace("&", " and ").replace("+", " and ")
    t = re.sub(r"\bper ?cent(age)?s?\b( of)?", "%", t)
    t = re.sub(r"%\s*of\b", "%", t)
    t = re.sub(r"\bno\.\s", "number ", t)
    t = t.replace("'s", "s")
    t = _PUNCT.sub(" ", t)
    t = t.replace("%", " % ")
    return _SPACES.sub(" ", t).strip()
