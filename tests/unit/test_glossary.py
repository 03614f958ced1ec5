"""The glossary page and the abbreviation tooltips say the same thing.

``docs/includes/abbreviations.md`` is the one source of term definitions: pymdownx.snippets
appends it to every page, so each term shows its definition as a tooltip. The glossary
page (``docs/reference/glossary.md``) is a definition list a reader can browse and link
to. These tests hold the two together: same terms, same wording, one anchor per term.
"""
from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
ABBREVIATIONS = DOCS / "includes" / "abbreviations.md"
GLOSSARY = DOCS / "reference" / "glossary.md"

# The terms the guide relies on; the tooltips and the glossary must both define them.
REQUIRED_TERMS = {
    "AHT", "ASA", "CSAT", "FCR", "FTE", "SLA", "BPO", "KPI", "QA", "RFP", "SOP", "CRM",
    "PII", "Tier 1", "shrinkage", "occupancy", "Erlang C", "Erlang A", "SMB", "L1",
    # the contract step and the rollout lean on these
    "calibration", "deflection", "service credits", "SOC 2", "sub-processors",
}

_ABBR_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<definition>.*\S)[ \t]*$")
# A definition-list entry: a term line (optionally "{#id}") then ":   definition".
_TERM_LINE = re.compile(r"^(?P<term>[^\s:*#|-][^{]*?)[ \t]*(?:\{#(?P<id>[a-z0-9-]+)\})?[ \t]*$")
_DEF_LINE = re.compile(r"^:[ \t]+(?P<definition>.*\S)[ \t]*$")


def abbreviations() -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(ABBREVIATIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = _ABBR_LINE.match(line)
        assert match, f"abbreviations.md line {number} is not '*[TERM]: definition': {line!r}"
        term = match["term"]
        assert term not in entries, f"{term!r} is defined twice in abbreviations.md"
        entries[term] = match["definition"]
    return entries


def glossary() -> dict[str, tuple[str, str | None]]:
    """Term -> (definition, explicit id) for every definition-list entry on the page."""
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    entries: dict[str, tuple[str, str | None]] = {}
    for previous, line in zip(lines, lines[1:]):
        definition = _DEF_LINE.match(line)
        if not definition:
            continue
        term = _TERM_LINE.match(previous)
        assert term, f"glossary definition {line!r} does not follow a term line"
        name = term["term"].strip()
        assert name not in entries, f"{name!r} appears twice on the glossary page"
        entries[name] = (definition["definition"], term["id"])
    return entries


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def test_required_terms_have_tooltips():
    missing = REQUIRED_TERMS - abbreviations().keys()
    assert not missing, f"abbreviations.md lacks: {sorted(missing)}"


def test_every_abbreviation_is_on_the_glossary_page_with_the_same_definition():
    page = glossary()
    for term, definition in abbreviations().items():
        assert term in page, f"{term!r} has a tooltip but no glossary entry"
        assert page[term][0] == definition, (
            f"{term!r} is defined differently:\n  tooltip:  {definition}\n  glossary: {page[term][0]}"
        )


def test_glossary_defines_nothing_the_tooltips_do_not():
    extra = glossary().keys() - abbreviations().keys()
    assert not extra, f"glossary entries with no tooltip in abbreviations.md: {sorted(extra)}"


def test_every_glossary_term_has_its_own_stable_anchor():
    for term, (_, anchor) in glossary().items():
        assert anchor == slug(term), f"{term!r} should carry {{#{slug(term)}}}, has {anchor!r}"


def test_definitions_open_with_the_term_spelled_out():
    # "AHT: Average handle time: ..." reads as a tooltip; a bare fragment does not.
    for term, definition in abbreviations().items():
        head = definition.split(":", 1)
        assert len(head) == 2 and head[1].strip(), f"{term!r}: start with the spelled-out term and a colon"


def test_glossary_is_alphabetical():
    terms = list(glossary())
    assert terms == sorted(terms, key=str.lower), "keep the glossary in alphabetical order"


def test_the_parsers_read_what_they_claim():
    # Guard against a parser that silently matches nothing: the first entry of each file
    # is known, and the two files have the same number of entries.
    assert abbreviations()["AHT"].startswith("Average handle time: ")
    assert glossary()["AHT"][1] == "aht"
    assert glossary()["Tier 1"][1] == "tier-1"
    assert len(glossary()) == len(abbreviations()) >= len(REQUIRED_TERMS)
