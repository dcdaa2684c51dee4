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
   ``pccdesk.readers`` is imported) does what ``defusedxml.defuse_stdlib()``
   does -- replaces ``xml.etree.ElementTree``'s ``XMLParser``/``parse``/
   ``iterparse``/``fromstring``, ``xml.dom.minidom``, ``pulldom``, ``xml.sax``
   and ``xmlrpc`` with versions that refuse entity declarations and external
   references -- but module by module, the moment each is imported: the
   parsers already imported are defused at once, and an import hook
   (:class:`_DefusingFinder`, first on ``sys.meta_path``) defuses every other
   one inside its own import statement, before the importer gets the module
   or any name from it (when ``defusedxml.ElementTree`` is imported first, it
   imports the standard module while half made itself: the defusing then
   happens as defusedxml's module finishes, still inside that import). A run that never imports a standard-library XML
   parser so never pays for defusedxml's minidom, sax, xmlrpc,
   ``urllib.request`` and ``http.client`` (30-100 ms of every start), and no
   code can obtain an undefused parser. This matters for msoffcrypto-tool,
   which parses the ``EncryptionInfo`` XML of a password-protected workbook
   with ``xml.dom.minidom.parseString`` imported by name: minidom is defused
   inside that import and, if msoffcrypto was already imported, its reference
   is replaced too. pccdesk's own percent-format and .ods passes import
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

from pccdesk.readers.byte_search import holds

#: What a DTD looks like in the bytes of an XML part. XML names are case-sensitive, so no other spelling parses.
DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
#: Longest declaration marker: the overlap kept between streamed chunks so a marker split across two is still found.
OVERLAP = max(len(d) for d in DECLARATIONS) - 1

#: Each standard-library XML module, and what defuses it once it is imported: the defusedxml module whose
#: public names replace the standard module's (``defusedxml.common._apply_defusing``), or ``"xmlrpc"`` for
#: ``defusedxml.xmlrpc.monkey_patch()``. The same set ``defusedxml.defuse_stdlib()`` covers.
DEFUSERS: dict[str, str] = {
    "xml.etree.ElementTree": "defusedxml.ElementTree",
    "xml.etree.cElementTree": "defusedxml.cElementTree",
    "xml.dom.minidom": "defusedxml.minidom",
    "xml.dom.pulldom": "defusedxml.pulldom",
    "xml.dom.expatbuilder": "defusedxml.expatbuilder",
    "xml.sax": "defusedxml.sax",
    "xml.sax.expatreader": "defusedxml.expatreader",
    "xmlrpc.client": "xmlrpc",
    "xmlrpc.server": "xmlrpc",
}

#: The defusedxml module of each standard one, where it is being imported itself just now: the standard module
#: it imports first is defused when it has finished (it is not usable for defusing until then).
_deferred: dict[str, str] = {}
_DEFUSER_MODULES = {d for d in DEFUSERS.values() if d != "xmlrpc"}
_installed = False
_busy = False  # defusing one module imports others (defusedxml.minidom imports xml.dom.pulldom): queue those
_pending: list[str] = []


def _defuse(name: str) -> None:
    """Defuse the standard module ``name`` (already in ``sys.modules``), and any imported while doing so."""
    global _busy
    _pending.append(name)
    if _busy:
        return
    _busy = True
    try:
        while _pending:
            _defuse_one(_pending.pop(0))
    finally:
        _busy = False


def _defuse_one(name: str) -> None:
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # defusedxml.cElementTree warns on import
        if DEFUSERS[name] == "xmlrpc":
            importlib.import_module("defusedxml.xmlrpc").monkey_patch()
            return
        defuser = sys.modules.get(DEFUSERS[name])
        if defuser is not None and not hasattr(defuser, "__origin__"):
            # ``import defusedxml.ElementTree`` came first and is importing this standard module: defuse it the
            # moment defusedxml's module has finished (see _DefusingFinder)
            _deferred[DEFUSERS[name]] = name
            return
        from defusedxml.common import _apply_defusing

        _apply_defusing(importlib.import_module(DEFUSERS[name]))
    if name == "xml.dom.minidom":
        ooxml = sys.modules.get("msoffcrypto.format.ooxml")
        if ooxml is not None and hasattr(ooxml, "parseString"):
            ooxml.parseString = sys.modules["xml.dom.minidom"].parseString  # type: ignore[attr-defined]


class _DefusingLoader:
    """Runs a standard XML module's own loader, then defuses it before the import statement returns."""

    def __init__(self, loader: Any, name: str) -> None:
        self._loader = loader
        self._name = name

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        if self._name in DEFUSERS:
            _defuse(self._name)
        elif self._name in _deferred:  # a defusedxml module has finished: defuse what waited for it
            _defuse(_deferred.pop(self._name))

    def __getattr__(self, attr: str) -> Any:  # get_source, is_package, ...: the real loader's
        return getattr(self._loader, attr)


class _DefusingFinder:
    """First on ``sys.meta_path``: finds a standard XML module as usual and gives it a defusing loader (and a
    defusedxml module one that finishes any defusing its own import held up)."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in DEFUSERS and name not in _DEFUSER_MODULES:
            return None
        for finder in sys.meta_path:
            if finder is cls or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _DefusingLoader(spec.loader, name)  # type: ignore[assignment]
                return spec
        return None


def install() -> None:
    """Defuse the standard library's XML parsers for the whole process (idempotent, cheap): those already
    imported now, every other one the moment it is imported."""
    global _installed
    if _installed:
        return
    if _DefusingFinder not in sys.meta_path:
        sys.meta_path.insert(0, _DefusingFinder)  # type: ignore[arg-type]
    _installed = True
    for name in DEFUSERS:
        if name in sys.modules:
            _defuse(name)


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
        # the chunk and its seam with the previous one are searched apart: the same finds as searching the two
        # joined (a marker is shorter than the seam), without copying a whole chunk to join them
        seam = self._tail + chunk[:OVERLAP]
        if holds(chunk, b"!", b"<!", 1) or b"<!" in seam:  # both markers start so
            for marker in DECLARATIONS:
                if marker in chunk or marker in seam:
                    self.found = marker.decode()
                    return self.found
        self._tail = chunk[-OVERLAP:] if len(chunk) >= OVERLAP else (self._tail + chunk)[-OVERLAP:]
        return None


def find_declaration(xml: bytes) -> str | None:
    """The DTD marker in a whole XML text, or None (see :class:`DeclarationScanner`)."""
    scanner = DeclarationScanner()
    return scanner.feed(xml)
