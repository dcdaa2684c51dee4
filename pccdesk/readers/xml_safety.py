"""Keeping XML from a force's workbook from doing anything but describe cells.

A workbook is a zip of XML parts, and XML can carry a document type definition
(DTD) whose entities expand ("billion laughs": a few hundred bytes becoming
gigabytes) or point outside the file (XXE: ``<!ENTITY x SYSTEM "file:///…">``
would read a local file into a cell). No real workbook needs a DTD: Excel and
LibreOffice never write one. So pccdesk closes the door three times:

1. **Before any parser runs**, :func:`find_declaration` is applied to every XML
   part of a package (``readers/zip_limits.py``, streamed while the part is
   decompressed, so nothing is held in memory): a ``<!DOCTYPE`` or
   ``<!ENTITY`` anywhere refuses the file with a clear message. UTF-16 parts
   are decoded before the search, so the declaration cannot hide behind an
   encoding.
2. **Every Python-side XML parser is defused.** :func:`install` (run when
   ``pccdesk.readers`` is imported) calls ``defusedxml.defuse_stdlib()``,
   which replaces ``xml.etree.ElementTree``'s ``XMLParser``/``parse``/
   ``iterparse``/``fromstring``, ``xml.dom.minidom``, ``pulldom``, ``xml.sax``
   and ``xmlrpc`` with versions that refuse entity declarations and external
   references. This matters for msoffcrypto-tool, which parses the
   ``EncryptionInfo`` XML of a password-protected workbook with
   ``xml.dom.minidom.parseString`` imported by name: it is imported after
   :func:`install` and, if it was already imported, its reference is replaced
   too. pccdesk's own percent-format and .ods passes import
   ``defusedxml.ElementTree`` directly.

   **openpyxl** (3.1.5, ``openpyxl/xml/__init__.py`` and
   ``openpyxl/xml/functions.py``) checks at import whether ``defusedxml`` is
   installed (and ``OPENPYXL_DEFUSEDXML`` is not ``"False"``); when it is, its
   ``fromstring`` and ``iterparse`` come from ``defusedxml.ElementTree``.
   ``defusedxml`` is a dependency of pccdesk, so openpyxl always parses
   defused; :func:`status` reports ``openpyxl.DEFUSEDXML`` and a test asserts
   it. (With lxml installed openpyxl uses ``XMLParser(resolve_entities=False)``
   for ``fromstring``; lxml is not a dependency.)
3. **calamine** (python-calamine → the Rust ``calamine`` crate) reads
   .xlsx/.xlsm/.ods XML with the ``quick-xml`` crate: a pull parser with no
   DTD processing. It reports a ``<!DOCTYPE …>`` as one ``DocType`` event,
   which calamine ignores; it never fetches anything (no network or file
   access for ``SYSTEM``/``PUBLIC`` identifiers); text is unescaped with
   ``BytesText::unescape()`` (calamine ``src/xlsx/mod.rs``, ``read_string``),
   which resolves only the five predefined entities (``&lt;`` ``&gt;``
   ``&amp;`` ``&apos;`` ``&quot;``) and numeric character references,
   non-recursively; any other ``&name;`` is an error (``EscapeError``), not an
   expansion. So calamine can neither be made to read a local file nor to
   expand a billion laughs; a test shows that an entity-laden sheet given to
   calamine directly yields an error or the literal text, never the secret.
   The check in (1) still refuses such files first, so users get one clear
   message instead of a parser's.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

#: What a DTD looks like in the bytes of an XML part. XML names are case-sensitive, so no other spelling parses.
DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
#: Longest declaration marker: the overlap kept between streamed chunks so a marker split across two is still found.
OVERLAP = max(len(d) for d in DECLARATIONS) - 1

_installed = False


def install() -> None:
    """Defuse the standard library's XML parsers for the whole process (idempotent, cheap)."""
    global _installed
    if _installed:
        return
    import defusedxml
    import defusedxml.minidom

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # defusedxml.cElementTree warns on import
        defusedxml.defuse_stdlib()
    ooxml = sys.modules.get("msoffcrypto.format.ooxml")
    if ooxml is not None and hasattr(ooxml, "parseString"):
        ooxml.parseString = defusedxml.minidom.parseString  # type: ignore[attr-defined]
    _installed = True


def status() -> dict[str, Any]:
    """What protects each parser, for tests and ``--debug`` support notes."""
    import xml.dom.minidom
    import xml.etree.ElementTree as ElementTree

    import openpyxl

    return {
        "stdlib_elementtree_defused": ElementTree.XMLParser.__module__.startswith("defusedxml"),
        "stdlib_minidom_defused": xml.dom.minidom.parseString.__module__.startswith("defusedxml"),
        "openpyxl_uses_defusedxml": bool(getattr(openpyxl, "DEFUSEDXML", False)),
    }


def decode_for_scan(head: bytes) -> str | None:
    """The codec of an XML part that is not ASCII-compatible (UTF-16/32), from its first bytes; else None."""
    if head.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    return None


class DeclarationScanner:
    """Finds a DTD marker in an XML part fed in chunks, whatever its encoding and wherever chunks split."""

    def __init__(self) -> None:
        self._codec: str | None = None
        self._decoder: Any = None
        self._started = False
        self._tail = b""
        self.found: str | None = None

    def feed(self, chunk: bytes) -> str | None:
        """Scan the next chunk; return the marker found (``"<!DOCTYPE"``/``"<!ENTITY"``) or None."""
        if self.found or not chunk:
            return self.found
        if not self._started:
            self._started = True
            self._codec = decode_for_scan(chunk[:4])
            if self._codec:
                import codecs

                self._decoder = codecs.getincrementaldecoder(self._codec)(errors="replace")
        if self._decoder is not None:
            text = self._decoder.decode(chunk)
            chunk = text.replace("\ufeff", "").encode("utf-8", errors="replace")
        data = self._tail + chunk
        for marker in DECLARATIONS:
            if marker in data:
                self.found = marker.decode()
                return self.found
        self._tail = data[-OVERLAP:]
        return None


def find_declaration(xml: bytes) -> str | None:
    """The DTD marker in a whole XML text, or None (see :class:`DeclarationScanner`)."""
    scanner = DeclarationScanner()
    return scanner.feed(xml)
