"""Section anchors are a public interface: wiki pages link to them.

``tests/published_anchors.txt`` lists, one ``page-path#id`` per line, every anchor the
site's pages have published (``guide/costs/#pricing-models``,
``calculators/staffing/#method``; the home page has an empty path: ``#start-here``): the
ids written in the Markdown, and on the worksheet the part and question ids its data
gives. An anchor may be added to the list, never removed or renamed.

The built-site tests use the session fixture ``built_site`` (tests/conftest.py): a site
built once with ``mkdocs build --strict``. HTML is read with the standard library parser.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculators
from calculators.tools import worksheet

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PUBLISHED = Path(__file__).resolve().parent / "published_anchors.txt"

# Every page of the site (Markdown path, relative to docs/); includes/ holds no pages.
PAGES = tuple(sorted(
    rel.as_posix() for rel in (path.relative_to(DOCS) for path in DOCS.rglob("*.md")) if rel.parts[0] != "includes"
))
WORKSHEET_PAGE = "freelancers/worksheet.md"
REFERENCE_PAGE = "reference/calculator-api.md"

_EXPLICIT_ID = re.compile(r"\{#([A-Za-z0-9_-]+)\}")
_TEMPLATE_ID = re.compile(r'"\{#([A-Za-z0-9_-]+)\}"')
_HEADING = re.compile(r"^h[1-4]$")


def page_path(markdown: str) -> str:
    """'guide/costs.md' -> 'guide/costs/'; 'freelancers/index.md' -> 'freelancers/'; 'index.md' -> ''."""
    stem = markdown[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def built_file(site: Path, path: str) -> Path:
    return site / path / "index.html"


def explicit_ids(markdown: str) -> list[str]:
    """Ids written as {#id} in the Markdown source (headings and glossary terms)."""
    return _EXPLICIT_ID.findall((DOCS / markdown).read_text(encoding="utf-8"))


def generated_ids(markdown: str) -> list[str]:
    """Ids a page's macro writes: those fixed in its template (written ``{{ "{#id}" }}``)
    and those built from the engine's names and data."""
    if markdown == WORKSHEET_PAGE:
        fixed = _TEMPLATE_ID.findall((ROOT / "templates" / "worksheet.html").read_text(encoding="utf-8"))
        return fixed + [part.id for part in worksheet.PARTS] + [q.anchor for q in worksheet.QUESTIONS]
    if markdown == REFERENCE_PAGE:
        return [f"api-{name}" for name in calculators.names()]
    return []


def page_ids(markdown: str) -> list[str]:
    """Every id the page publishes: written in its Markdown, or written by its macro."""
    return explicit_ids(markdown) + generated_ids(markdown)


def published() -> list[tuple[str, str]]:
    anchors = []
    for number, line in enumerate(PUBLISHED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        path, sep, anchor = line.strip().partition("#")
        assert sep and anchor, f"published_anchors.txt line {number} is not 'page-path#id': {line!r}"
        assert path == "" or path.endswith("/"), f"line {number}: page path must end with '/': {line!r}"
        anchors.append((path, anchor))
    return anchors


class _Ids(HTMLParser):
    """Collects every id in a page, and the h1–h4 headings inside the article body.

    Headings inside a calculator (an element with a data-calculator or data-result
    attribute) belong to the calculator's template, not to the guide's Markdown, and are
    left out of ``headings``.
    """

    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: list[tuple[str, str | None]] = []  # (tag, id)
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, in article, in calculator)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        in_article, in_calculator = self._stack[-1][1:] if self._stack else (False, False)
        in_article = in_article or tag == "article"
        in_calculator = in_calculator or "data-calculator" in attributes or "data-result" in attributes
        if _HEADING.match(tag) and in_article and not in_calculator:
            self.headings.append((tag, attributes.get("id")))
        if tag not in self._VOID:
            self._stack.append((tag, in_article, in_calculator))

    def handle_startendtag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])

    def handle_endtag(self, tag):
        # Pop to the matching open tag; tolerate HTML's optional end tags.
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                return


def parse(file: Path) -> _Ids:
    assert file.is_file(), f"{file} was not built"
    parser = _Ids()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_published_list_is_well_formed_and_has_no_duplicates():
    anchors = published()
    assert len(anchors) == len(set(anchors)), "an anchor is listed twice"
    known_pages = {page_path(md) for md in PAGES}
    for path, anchor in anchors:
        assert path in known_pages, f"{path!r} is not a page of the site"


def test_every_id_of_every_page_is_published():
    # A new section must be added to the list when it is written, so that removing it
    # later is caught.
    listed = set(published())
    missing = [
        f"{page_path(md)}#{anchor}"
        for md in PAGES
        for anchor in page_ids(md)
        if (page_path(md), anchor) not in listed
    ]
    assert not missing, "add to tests/published_anchors.txt:\n" + "\n".join(missing)


def test_explicit_ids_are_unique_within_each_page():
    for md in PAGES:
        ids = page_ids(md)
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"{md} repeats ids {duplicates}"


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, _Ids]:
    return {page_path(md): parse(built_file(built_site, page_path(md))) for md in PAGES}


def test_every_published_anchor_exists_in_the_built_site(pages):
    missing = [f"{path}#{anchor}" for path, anchor in published() if anchor not in pages[path].ids]
    assert not missing, "published anchors missing from the built site:\n" + "\n".join(missing)


def test_every_heading_id_was_set_in_the_markdown(pages):
    for md in PAGES:
        parsed = pages[page_path(md)]
        assert parsed.headings, f"no headings found in the article of {md}"
        written = set(page_ids(md))
        generated = [f"<{tag} id={hid!r}>" for tag, hid in parsed.headings if hid not in written]
        assert not generated, f"{md}: headings without an explicit {{#id}}: {generated}"
