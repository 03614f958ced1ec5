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
SCANNED_FILES = ("macros.py", "hooks/runtime.py", "hooks/snapshot.py", "hooks/pages.py", "hooks/journey.py", "hooks/social.py", "hooks/offline.py", "downloads.py", "mkdocs.yml", "README.md", "CONTRIBUTING.md")
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
    # British words rather than spellings: a schedule, a resume, a checkbox, expensive
    r"rotas?", r"tick[- ]?box(?:es)?", r"dear(?:er|est)?",
)
WORD = re.compile(r"(?<![A-Za-z])(" + "|".join(BRITISH) + r")(?![A-Za-z])", re.IGNORECASE)
CASED = re.compile(r"(?<![A-Za-z])(CVs?)(?![A-Za-z])")  # the acronym only: "cv" may be code

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
    text = LEFT_ALONE.sub(" ", text)
    return [m.group(0) for m in WORD.finditer(text)] + [m.group(0) for m in CASED.finditer(text)]


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


def test_british_words_are_found_too():
    assert british_words("the team on the rota; send your CV; a tick box; a tick-box exercise; dear prices") == [
        "rota", "tick box", "tick-box", "dear", "CV"]
    assert british_words("a schedule; a resume; a checkbox; expensive prices; the csv file; cvss") == []


# "help desk" is the site's one name for the tool (and "help-desk" before a noun).
HELPDESK = re.compile(r"(?<![A-Za-z])helpdesks?(?![A-Za-z])", re.IGNORECASE)


def test_help_desk_is_spelled_one_way():
    assert HELPDESK.findall("a helpdesk export; Helpdesks; a help desk; a help-desk export") == ["helpdesk", "Helpdesks"]
    problems = [f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
                for path in _files()
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if HELPDESK.search(LEFT_ALONE.sub(" ", line)) and "def test_" not in line]
    assert not problems, 'Write "help desk" (or "help-desk" before a noun):\n' + "\n".join(problems)


# One voice marks what the site adds to its sources: "our assumption" (see the sources page).
OTHER_VOICES = re.compile(
    r"(?:this|the) (?:guide|site|playbook)'s (?:own )?(?:view|judgment|reading|experience|assumption|emphasis)"
    r"|site's own (?:assumption|choice|default|reading|suggestion)|playbook's own (?:judgment|assumption)"
    r"|in our (?:experience|view|judgment)", re.IGNORECASE)


def test_the_sites_own_judgments_are_marked_with_one_phrase():
    assert OTHER_VOICES.findall("In this guide's view; the site's assumption; In our experience; our assumption") == [
        "this guide's view", "the site's assumption", "In our experience"]
    problems = [f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
                for path in _files() if "test" not in path.name
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if OTHER_VOICES.search(line)]
    assert not problems, 'Mark the site\'s own judgments as "our assumption":\n' + "\n".join(problems)
