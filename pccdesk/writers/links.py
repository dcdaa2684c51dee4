"""Which links from input text may become clickable hyperlinks in what pccdesk writes.

A link in a public document is a promise about where it goes. Only http(s)
links to domains on the allow-list are made clickable; anything else is written
as plain text.
"""

from __future__ import annotations

import re

DEFAULT_ALLOWED_DOMAINS = (
    "justiceinspectorates.gov.uk",
    "gov.uk",
    "police.uk",
    "ons.gov.uk",
    "college.police.uk",
)


def allowed_link(url: str, allowed_domains: tuple[str, ...] = DEFAULT_ALLOWED_DOMAINS) -> bool:
    """Whether ``url`` may be written as a clickable link: its host, as a browser reads it, is on the list.

    Browsers parse links by the WHATWG URL standard, not RFC 3986: for http(s)
    a backslash counts as a slash, so ``https://evil.example\\.gov.uk/`` goes to
    ``evil.example`` although Python's ``urlsplit`` sees a ``.gov.uk`` host.
    The host is therefore found here by WHATWG's rules (any run of ``/`` or
    ``\\`` after the scheme, the authority ending at the first ``/``, ``\\``,
    ``?`` or ``#``), and anything a browser might read another way is refused
    outright: backslashes anywhere, user names (``@``), percent-escapes,
    non-ASCII or other unusual characters in the host, spaces and controls.
    """
    host = link_host(url)
    return host is not None and any(host == d or host.endswith("." + d) for d in allowed_domains)


_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def link_host(url: str) -> str | None:
    """The host a browser would go to for an http(s) ``url``, or None if the link is not plain enough to tell."""
    text = url.strip(" ")
    if not text or any(ch in text for ch in "\\\"'<>`{}|^ ") or any(ord(ch) < 33 or ord(ch) == 127 for ch in text):
        return None
    scheme, sep, rest = text.partition(":")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    rest = rest.lstrip("/")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if not authority or "@" in authority or "%" in authority or "[" in authority:
        return None
    host, colon, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    if colon and not (port.isdigit() and port.isascii() and len(port) <= 5):
        return None
    host = host.lower().rstrip(".")
    if not host.isascii() or not all(_LABEL.match(label) for label in host.split(".")) or \
            host.replace(".", "").isdigit():
        return None
    return host
