"""Headings → roles: which column holds what, from the wording of its heading.

Real files word the same heading many ways (``Crime ID`` / ``Crime Reference``,
``Police Force\\nArea name`` / ``PFA name``, ``Violence against the person4``
with a footnote digit glued on). Every reader that finds columns by their
headings uses :func:`heading_key` to compare wordings and
:func:`recognise_roles` to give each role one column, so that a heading
understood in one place is understood in all of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

_FOOTNOTE_TAIL = re.compile(r"(?<=[a-z])\s*\d+(?:\s+\d+)*$")
_NOTE_MARK = re.compile(r"\[note \d+\]|\[\w\]")


def heading_key(text: object) -> str:
    """The key wordings are matched on: case, spaces, dashes, ``&``, footnote digits and ``[note 1]`` ignored."""
    key = unicodedata.normalize("NFKC", str(text or "")).lower()
    key = _NOTE_MARK.sub(" ", key)
    key = key.replace("&", " and ").replace("\n", " ")
    key = re.sub(r"[\u2010-\u2015\-_/,.:;()'’]", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    return _FOOTNOTE_TAIL.sub("", key).strip()


def recognise_roles(headings: Sequence[object], synonyms: Mapping[str, Sequence[str]],
                    remembered: Mapping[str, str] | None = None, *, by_column: bool = False) -> dict[str, int]:
    """Role → column index, each column used for at most one role.

    ``synonyms`` gives each role its wordings in order of preference (the
    roles themselves in order of priority). By default a role takes the
    column of its most preferred wording present; with ``by_column`` the
    columns are taken left to right, each for the first role it names (for
    tables whose leftmost matching column is the right one). ``remembered``
    (role → heading, as a user named it once) overrides both.
    """
    keys = [heading_key(h) if isinstance(h, str | int | float) and not isinstance(h, bool) else "" for h in headings]
    found: dict[str, int] = {}
    if by_column:
        for c, key in enumerate(keys):
            for role, names in synonyms.items():
                if role not in found and key and key in names:
                    found[role] = c
                    break
    else:
        for role, names in synonyms.items():
            for name in names:
                column = next((c for c, key in enumerate(keys) if key == name and c not in found.values()), None)
                if column is not None:
                    found[role] = column
                    break
    for role, heading in (remembered or {}).items():
        key = heading_key(heading)
        if role in synonyms and key in keys:
            found[role] = keys.index(key)
    return found
