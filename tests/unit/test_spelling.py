"""One spelling: US English (CONTRIBUTING's house rule), in the pages, the engine's messages,
reports and comments, the templates and the browser scripts.

The check looks for British forms a writer slips into, word by word (also inside
identifiers such as ``_LINE_COLOURS``). What it leaves alone: web addresses, explicit
heading ids (``{#how-it-is-organised}`` keeps a published anchor whose heading now reads
"organized"), HTML's own ``aria-labelledby`` and, should one be needed, a source's title
quoted as published (``QUOTED_TITLES``).
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Where prose, messages and comments live.
SCANNED = ("docs", "calculators", "templates", "overrides", "scripts", "workbook/playbook_workbook")
SCANNED_FILES = ("macros.py", "hooks/runtime.py", "hooks/snapshot.py", "hooks/pages.py", "hooks/offline.py", "downloads.py", "mkdocs.yml", "README.md", "CONTRIBUTING.md")
SUFFIXES = {".md", ".py", ".js", ".mjs", ".cjs", ".html", ".css", ".csv", ".yml", ".txt", ".json", ""}

BRITISH = (
    r"programmes?", r"recognis(?:e|es|ed|ing|able)", r"organis(?:e|es|ed|ing|ation|ations|er|ers)",
    r"behaviour\w*", r"colour\w*", r"centre[sd]?", r"licences?", r"catalogues?", r"analys(?:e|es|ed|ing)",
    r"favour\w*", r"optimis\w*", r"stabilis\w*", r"minimis\w*", r"maximis\w*", r"prioritis\w*",
    r"[a-z]+isations?", r"judgements?", r"labell(?:ed|ing)", r"modell(?:ed|ing)", r"cancell(?:ed|ing)",
    r"travell(?:ed|ing|er|ers)", r"greys?", r"honour\w*", r"normalis\w*", r"specialis(?:e|es|ed|ing)",
    r"summaris\w*", r"customis\w*", r"standardis\w*", r"utilis\w*", r"realis(?:e|es|ed|ing)",
    r"emphasis(?:e|es|ed|ing)", r"criticis(?:e|es|ed|ing)", r"apologis\w*", r"whilst", r"amongst", r"learnt",
    r"enquir\w*", r"cheques?", r"defence", r"flavour\w*", r"neighbour\w*", r"labour\w*", r"artefacts?",
    r"fulfil", r"enrol", r"ageing", r"practis(?:e|es|ed|ing)", r"metres?", r"litres?",
)
WORD = re.compile(r"(?<![A-Za-z])(" + "|".join(BRITISH) + r")(?![A-Za-z])", re.IGNORECASE)

LEFT_ALONE = re.compile(r"https?://\S+|\{#[^}]*\}|#[a-z0-9-]+\b|aria-labelledby")
QUOTED_TITLES: tuple[str, ...] = ()  # a source's title in its own spelling, quoted exactly


def _files():
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                yield path
    for name in SCANNED_FILES:
        yield ROOT / name


def british_words(text: str) -> list[str]:
    """The British spellings in ``text``, outside addresses, ids and quoted titles."""
    for title in QUOTED_TITLES:
        text = text.replace(title, "")
    return [m.group(0) for m in WORD.finditer(LEFT_ALONE.sub(" ", text))]


def test_the_check_finds_british_spellings_and_leaves_us_ones():
    found = british_words("The programme's behaviour: colours centred, a judgement we recognise and "
                          "organisation-wide optimisation; _LINE_COLOURS; grey; catalogue; licence; "
                          "analysed; favour; stabilisation; minimise; prioritise")
    assert [w.lower() for w in found] == [
        "programme", "behaviour", "colours", "centred", "judgement", "recognise", "organisation", "optimisation",
        "colours", "grey", "catalogue", "licence", "analysed", "favour", "stabilisation", "minimise", "prioritise"]
    assert british_words("The program's behavior: colors centered, a judgment we recognize; organized; "
                         "specialists; realistic; optimization; stabilization; analysis; favorite; gray; "
                         "license; catalog; license terms; realize; honor") == []


def test_addresses_heading_ids_and_html_attributes_are_left_alone():
    assert british_words("## How the guide is organized {#how-it-is-organised}") == []
    assert british_words("[the index](index.md#how-it-is-organised)") == []
    assert british_words('<form aria-labelledby="calc-x-title">') == []
    assert british_words("<https://example.org/colour-guide>") == []


def test_no_british_spelling_in_the_site_and_its_messages():
    problems = []
    for path in _files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for word in british_words(line):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {word!r} in {line.strip()[:100]}")
    assert not problems, "British spellings (the house spelling is US English):\n" + "\n".join(problems)
