"""The standard library's XML parsers are defused when they are imported, not when pccdesk starts.

``xml_safety.install()`` no longer imports every parser up front (that cost every run 30-100 ms); it defuses
those already imported and hooks the import of the rest. These tests run in a fresh interpreter, since the test
process has long since imported the parsers: a parser imported AFTER install must refuse a billion laughs and an
external entity exactly as one imported before it does.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO

BOMB = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>'
XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'


def _run(code: str) -> str:
    """Run ``code`` in a new interpreter with the repository importable; return its stdout (it must succeed)."""
    prelude = f"BOMB = {BOMB!r}\nXXE = {XXE!r}\n"
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=REPO, capture_output=True,
                          text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_parsers_imported_after_install_are_defused() -> None:
    out = _run("""
        import sys
        import pccdesk.readers  # runs xml_safety.install()
        lazy = ["xml.dom.minidom", "xml.dom.pulldom", "xml.sax", "xmlrpc.client", "xml.etree.ElementTree"]
        print("before", [m for m in lazy if m in sys.modules])
        from defusedxml import DefusedXmlException
        from xml.dom.minidom import parseString as minidom_parse   # bound by name, as msoffcrypto does
        from xml.dom.pulldom import parseString as pulldom_parse
        import xml.sax
        import xml.sax.handler
        import xml.etree.ElementTree as ElementTree
        import xmlrpc.client
        attempts = {
            "minidom": lambda doc: minidom_parse(doc),
            "pulldom": lambda doc: [e for e in pulldom_parse(doc)],
            "sax": lambda doc: xml.sax.parseString(doc.encode(), xml.sax.handler.ContentHandler()),
            "etree": lambda doc: ElementTree.fromstring(doc),
            "etree parser": lambda doc: ElementTree.XMLParser().feed(doc),
            "xmlrpc": lambda doc: xmlrpc.client.loads(doc),
        }
        for name, attempt in attempts.items():
            for label, doc in (("bomb", BOMB), ("xxe", XXE)):
                try:
                    attempt(doc)
                    print(name, label, "PARSED")
                except DefusedXmlException as exc:
                    print(name, label, "refused", type(exc).__name__)
    """)
    lines = out.splitlines()
    assert lines[0] == "before []"  # nothing imported up front: the start-up saving
    assert len(lines) == 1 + 6 * 2
    assert not [line for line in lines[1:] if "refused" not in line], out


def test_parsers_imported_before_install_are_defused_at_once() -> None:
    out = _run("""
        import xml.dom.minidom
        import xml.etree.ElementTree as ElementTree
        assert not xml.dom.minidom.parseString.__module__.startswith("defusedxml")
        from pccdesk.readers import xml_safety
        xml_safety.install()
        from defusedxml import EntitiesForbidden
        for parse in (xml.dom.minidom.parseString, ElementTree.fromstring):
            try:
                parse(BOMB)
                print("PARSED")
            except EntitiesForbidden:
                print("refused")
    """)
    assert out.split() == ["refused", "refused"]


def test_msoffcrypto_reference_is_defused_whichever_comes_first() -> None:
    out = _run("""
        import msoffcrypto.format.ooxml as ooxml
        import pccdesk.readers
        print(ooxml.parseString.__module__)
    """)
    assert out.strip() == "defusedxml.minidom"
    out = _run("""
        import pccdesk.readers
        import msoffcrypto.format.ooxml as ooxml
        print(ooxml.parseString.__module__)
    """)
    assert out.strip() == "defusedxml.minidom"


def test_a_defusedxml_module_imported_first_still_defuses_the_standard_one() -> None:
    """``import defusedxml.ElementTree`` before anything imported the standard module: defusedxml imports it
    while its own module is half made, so the defusing waits for that module and happens as it finishes."""
    out = _run("""
        import pccdesk.readers
        import defusedxml.ElementTree
        import defusedxml.minidom
        from defusedxml import DefusedXmlException
        import xml.etree.ElementTree as ElementTree
        import xml.dom.minidom
        for name, parse in (("etree", ElementTree.fromstring), ("minidom", xml.dom.minidom.parseString)):
            try:
                parse(XXE)
                print(name, "PARSED")
            except DefusedXmlException:
                print(name, "refused")
    """)
    assert out.split() == ["etree", "refused", "minidom", "refused"], out
