"""Which links from input text may become clickable hyperlinks in what pccdesk writes.

A link in a public document is a promise about where it goes. Only http(s)
links to domains on the allow-list are made clickable; anything else is written
as plain text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_ALLOWED_DOMAINS = (
    "justiceinspectorates.gov.uk",
    "gov.uk",
    "police.uk",
    "ons.gov.uk",
    "college.police.uk",
)


def allowed_link(url: str, allowed_domains: tuple[str, ...] = DEFAULT_ALLOWED_DOMAINS) -> bool:
    text = url.strip()
    if not text or any(ch in text for ch in "\r\n\t\"'<> "):
        return False
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return False
    host = parts.hostname.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowed_domains)
