"""The HTML copy of the pack (``pack --html``): structure, figures, safety, and axe-core in headless Chromium."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pccdesk.cli import main
from pccdesk.resources import example_inputs
from pccdesk.writers.html_pack import figure_text
from tests.helpers_returns import write_return


class _Page(HTMLParser):
    """Collects what the checks need: tags with their attributes, table captions, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._stack: list[str] = []
        self.tables_without_caption = 0
        self._table_open = False
        self._seen_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self._table_open, self._seen_caption = True, False
        elif tag == "caption" and self._table_open:
            self._seen_caption = True
        elif tag in ("thead", "tr") and self._table_open and not self._seen_caption:
            self.tables_without_caption += 1
            self._table_open = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def html_page(tmp_path: Path) -> Path:
    example = example_inputs()
    page = tmp_path / "pack.html"
    code = main(["pack", "--definitions", str(example.plan), "--period", example.period, "--db",
                 str(tmp_path / "h.sqlite"), "--out", str(tmp_path / "pack.xlsx"), "--html", str(page),
                 "--crime", str(example.crime[0]), *map(str, example.returns)])
    assert code in (0, 1) and page.is_file()
    return page


def test_the_html_copy_is_one_accessible_self_contained_page(html_page: Path) -> None:
    source = html_page.read_text(encoding="utf-8")
    page = _Page()
    page.feed(source)
    tags = page.tags
    assert tags[0] == ("html", {"lang": "en-GB"})
    assert {t for t, _ in tags} >= {"header", "nav", "main", "footer", "title", "caption", "svg"}
    assert page.tables_without_caption == 0
    assert all(a.get("scope") in ("col", "row") for t, a in tags if t == "th")
    assert not [t for t, _ in tags if t in ("script", "iframe", "img", "link", "object")]
    hrefs = [a["href"] for t, a in tags if t == "a" and a.get("href")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    ids = {a["id"] for _, a in tags if a.get("id")}
    assert {h[1:] for h in hrefs} <= ids  # every link lands somewhere on the page
    for svg in (a for t, a in tags if t == "svg"):
        assert svg.get("role") == "img" and (svg.get("aria-labelledby") or svg.get("aria-label"))
    text = " ".join(page.text)
    # the same figures as the workbook: V1 99.0% → 98.8% (±0.6%), −0.2 pp, no significant change
    v1 = re.search(r'<tr id="indicator-v1">(.*?)</tr>', source, re.S)
    assert v1 is not None
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", v1.group(1))]
    assert cells[2:11] == ["99.0%", "12 months to May 2015", "98.8%", "±0.6%", "12 months to Jun 2015", "",
                           "– No target", "-0.2 pp", "≈ No significant change"]
    assert "! Amber" in text and "✖ Red" in text and "⊖ Deteriorated" in text
    assert "Bar chart of the % change in recorded crime by category" in text
    assert "@media print" in source and "@page" in source


def test_input_text_is_escaped(tmp_path, example_plan_path, example_plan) -> None:  # type: ignore[no-untyped-def]
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ret = write_return(tmp_path / "r.xlsx", example_plan, "2015-16 Q1",
                       {"C1": [0.47, None, "Apr 2015", 0.40, None, "Jun 2015", hostile, hostile]})
    page = tmp_path / "p.html"
    main(["pack", "--definitions", str(example_plan_path), "--period", "2015-16 Q1", "--no-history",
          "--out", str(tmp_path / "p.xlsx"), "--html", str(page), str(ret)])
    source = page.read_text(encoding="utf-8")
    assert "<script" not in source and "<img" not in source
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in source


@pytest.mark.parametrize(("value", "num_format", "expected"), [
    (0.988, "0.0%", "98.8%"),
    (0.87, "0%", "87%"),
    (0.006, '"±"0.0%', "±0.6%"),
    (-0.2, '+0.0" pp";-0.0" pp";"no change"', "-0.2 pp"),
    (2.2, '+0.0" pp";-0.0" pp";"no change"', "+2.2 pp"),
    (0, '+0.0" pp";-0.0" pp";"no change"', "no change"),
    (0, "+#,##0;-#,##0;\"no change\"", "no change"),
    (2736, "+#,##0;-#,##0;0", "+2,736"),
    (-5, "+#,##0;-#,##0;0", "-5"),
    (23796, "#,##0", "23,796"),
    (1234.5, "£#,##0.00", "£1,234.50"),
    (0.13, "+0%;-0%;0%", "+13%"),
    (-0.004, "+0%;-0%;0%", "-0%"),  # Excel shows a tiny fall as -0% too: the pack rounds changes before writing
])
def test_numbers_read_as_the_workbook_shows_them(value: float, num_format: str, expected: str) -> None:
    assert figure_text(value, num_format) == expected


def _axe_script() -> Path | None:
    npm = shutil.which("npm")
    if npm is None:
        return None
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60).stdout.strip()
    candidate = Path(root) / "axe-core" / "axe.min.js"
    return candidate if candidate.is_file() else None


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("node") and _axe_script()),
                    reason="needs Debian's chromium, node and axe-core (npm install -g axe-core)")
def test_axe_core_finds_no_serious_or_critical_violation(html_page: Path, tmp_path: Path) -> None:
    axe = _axe_script()
    assert axe is not None
    runner = tmp_path / "axe.html"
    inject = (f'<script src="{axe.as_uri()}"></script><script>'
              'axe.run(document, {resultTypes: ["violations"]}).then(function (r) {'
              ' var out = document.createElement("pre"); out.id = "axe-result";'
              ' out.textContent = JSON.stringify(r.violations.map(function (v) {'
              '  return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) {'
              '   return n.target.join(" "); })}; }));'
              ' document.documentElement.appendChild(out); });</script>')
    runner.write_text(html_page.read_text(encoding="utf-8").replace("</body>", inject + "</body>"), encoding="utf-8")
    dom = subprocess.run([shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--allow-file-access-from-files", "--virtual-time-budget=30000", "--dump-dom",
                          runner.as_uri()], capture_output=True, text=True, timeout=180).stdout
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    assert found is not None, "axe-core did not run"
    violations = json.loads(html.unescape(found.group(1)))
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
