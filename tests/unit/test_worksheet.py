"""The freelancer worksheet: its questions, the Markdown and JSON files, reading a file
back, progress and the start dates (calculators/tools/worksheet/, worksheet_import.py)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

# A CommonMark renderer, as GitHub, GitLab and Notion use: it proves the exported
# Markdown shows typed markup as text. (markdown-it-py comes with the pinned build tools.)
from markdown_it import MarkdownIt

import calculators
from calculators.core import render
from calculators.tools import worksheet

DOCS = Path(__file__).resolve().parents[2] / "docs"
FILE_HEAD = {"format": "support-sourcing-playbook/freelancer-worksheet", "version": 1}

# The answer ids are the keys of saved answers and of every JSON file ever downloaded:
# they are published, and this list only ever grows.
PUBLISHED_IDS = [
    "outcome.desired",
    "scope.ticket_types", "scope.tier", "scope.channels.email", "scope.channels.chat", "scope.channels.phone",
    "scope.channels.social", "scope.channels.other", "scope.escalate",
    "timing.term", "timing.duration_months", "timing.hours_per_week", "timing.trained_by_date",
    "timing.training_weeks", "timing.recruiting_weeks",
    "candidates.profile", "candidates.pay_range", "candidates.location", "candidates.hours",
    "candidates.evaluation", "candidates.contract_term", "candidates.nda", "candidates.performance_terms",
    "candidates.sourcing", "candidates.platform.prescreen", "candidates.platform.payments",
    "candidates.platform.self_managed",
    "support.reviewer", "support.review_process", "support.communication", "support.recognition",
    "support.evaluations", "support.rate_changes", "support.ending",
    "operations.security", "operations.queue", "operations.training_materials", "operations.tools_access",
    "operations.escalation", "operations.scheduling",
    "success.signals", "success.measures",
]

HOSTILE = {
    "outcome.desired": "<script>alert(1)</script>",
    "scope.ticket_types": "| pipes | in | a | row |",
    "scope.escalate": "# heading\n## another",
    "candidates.profile": "**bold** and _slanted_ and `code`",
    "candidates.sourcing": "[link](javascript:alert(1)) ![img](x.png) <https://example.com>",
    "support.reviewer": "Ana 😀 and 李 — ünïcödé",
    "support.review_process": "x" * 5000,
    "support.communication": "line one\nline two\n\n  indented line\n- a list item\n1. a step\n---\n&copy; &#169;",
    "operations.security": "  leading and trailing spaces  ",
    "success.measures": "<img src=x onerror=alert(1)> \\ backslash \\",
}


def answers(**extra):
    return {"today": "2026-11-01", "saved_at": "2026-11-23T09:30:00Z", **extra}


def run(**extra):
    result = calculators.run("worksheet", answers(**extra))
    assert result["ok"], result
    return result


# ------------------------------------------------------------------ the questions


def test_answer_ids_are_the_published_ones():
    assert [f.key for f in worksheet.ANSWER_FIELDS] == PUBLISHED_IDS
    assert [f["key"] for f in calculators.spec("worksheet")["fields"]] == PUBLISHED_IDS + ["today", "saved_at"]


def test_seven_parts_in_order_each_with_questions_and_links_to_pages_that_exist():
    assert [p.id for p in worksheet.PARTS] == [
        "outcome", "scope", "timing", "candidates", "support", "operations", "success"]
    assert [p.number for p in worksheet.PARTS] == [1, 2, 3, 4, 5, 6, 7]
    for part in worksheet.PARTS:
        assert part.questions and part.links, part.id
        for link in part.links:
            assert (DOCS / link.target.partition("#")[0]).is_file(), link.target
    assert len(worksheet.QUESTIONS) == 36  # 1 + 4 + 6 + 10 + 7 + 6 + 2


def test_the_parts_link_the_calculators_that_help_answer_them():
    targets = {p.id: [link.target for link in p.links] for p in worksheet.PARTS}
    assert "calculators/decision.md" in targets["scope"]
    assert "calculators/rollout.md" in targets["timing"] and "calculators/cost.md" in targets["timing"]
    assert "calculators/cost.md" in targets["candidates"]
    assert "calculators/kpi.md" in targets["success"]


def test_fields_are_honest_about_their_kind():
    kinds = {f.key: f.kind for f in worksheet.ANSWER_FIELDS}
    assert kinds["timing.trained_by_date"] == "date"
    assert kinds["timing.hours_per_week"] == kinds["timing.training_weeks"] == "number"
    assert kinds["scope.tier"] == "choice" and kinds["scope.channels.email"] == "bool"
    assert all(not f.required for f in worksheet.ANSWER_FIELDS)
    assert all(f.max == worksheet.ANSWER_MAX_CHARS for f in worksheet.ANSWER_FIELDS if f.kind == "text")


# ------------------------------------------------------------------ the Markdown

SMALL = dict(**{
    "outcome.desired": "Quicker evening replies\nwithout new hires",
    "scope.tier": "tier1",
    "scope.channels.email": "true",
    "scope.channels.chat": "true",
    "scope.channels.phone": "false",
    "scope.channels.other": "WhatsApp",
    "timing.hours_per_week": "60",
    "timing.trained_by_date": "2027-01-04",
    "timing.training_weeks": "3",
    "timing.recruiting_weeks": "4",
    "candidates.nda": "yes",
    "candidates.platform.payments": "true",
    "success.measures": "CSAT | FCR",
})

NO = "*No answer yet.*"

# Hand-written: 10 of 36 questions are answered (outcome 1; scope: tier, channels; timing:
# hours, date, training, recruiting; candidates: NDA, platform; success: measures). Seen
# from 2026-12-07: training starts 2027-01-04 − 21 days = 2026-12-14, recruiting
# 2026-12-14 − 28 days = 2026-11-16, which is 21 days before 2026-12-07. 10:30 at +01:00
# is 09:30 UTC.
SMALL_MARKDOWN = f"""# Freelancer program worksheet

Last changed 2026-11-23 09:30 UTC. 10 of 36 questions answered.

## 1. The outcome you want

**What should freelancers change for your team and for your customers?**

Quicker evening replies

without new hires

## 2. The work they take on

**Which kinds of ticket will they answer?**

{NO}

**How far up your support tiers may they go?**

First line only (tier 1)

**On which channels will they work?**

Email, Live chat

Other channels: WhatsApp

**Which cases go back to your in-house team?**

{NO}

## 3. When you need them

**Is this a lasting arrangement, or help for a set stretch of time?**

{NO}

**For how many months do you expect to need them?**

{NO}

**How many hours of freelance work a week do you need, across all of them?**

60 hours a week

**On what date must they be fully trained and taking tickets?**

2027-01-04

**How many weeks will training take?**

3 weeks

**How many weeks will finding and signing them take?**

4 weeks

**Start dates, worked back from the trained-by date**

- Start recruiting by: 2026-11-16
- Start training by: 2026-12-14
- Trained and taking tickets by: 2027-01-04

Checked on 2026-12-07. These dates cannot work as planned: move the trained-by date later, or shorten training or recruiting.

- Recruiting would have had to start on 2026-11-16, 21 days ago.

## 4. The people you bring in

**What attitude and skills should they bring?**

{NO}

**What pay range will you offer?**

{NO}

**Which time zones or places should they work from?**

{NO}

**When should each of them work, and for how many hours a week?**

{NO}

**How will you assess applicants?**

{NO}

**Will the contract run open-ended or until a set date?**

{NO}

**Will they sign a non-disclosure agreement?**

Yes

**Which performance expectations go into the contract?**

{NO}

**Where will you look for freelancers?**

{NO}

**What should a platform do for you, if you use one?**

Handle invoices and payments

## 5. Supporting them once they start

**Who checks their tickets, their pace and whether customers' problems get solved?**

{NO}

**How will ticket review work?**

{NO}

**How will you keep them informed, and hear what they learn?**

{NO}

**How will you recognize and reward the strongest performers?**

{NO}

**How and how often will you review each freelancer's performance?**

{NO}

**When and on what grounds will rates change?**

{NO}

**How will you end an arrangement that is not working?**

{NO}

## 6. Behind the scenes

**Which security measures must be in place first?**

{NO}

**Is there a queue for this work already?**

{NO}

**Is there training material for this work already?**

{NO}

**Which tools will they use, and with which permissions?**

{NO}

**How will escalation work, both the written steps and the ticket routing?**

{NO}

**How will each freelancer's working hours be set and shared?**

{NO}

## 7. What success looks like

**How will you tell whether the freelancers are working out?**

{NO}

**Which numbers will you track?**

CSAT \\| FCR
"""


def test_markdown_export_for_a_small_set_of_answers():
    result = calculators.run("worksheet", {**SMALL, "today": "2026-12-07", "saved_at": "2026-11-23T10:30:00+01:00"})
    assert result["ok"], result
    assert result["markdown"] == SMALL_MARKDOWN


def test_an_empty_worksheet_exports_every_question_unanswered():
    text = calculators.run("worksheet", {"today": "2026-11-01"})["markdown"]
    assert text.count(NO) == 36
    assert "Last changed" not in text  # no saved-at time given
    assert "Give the trained-by date, the training time and the recruiting time" in text


@pytest.mark.parametrize(("typed", "line"), [
    ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    ("| pipes |", "\\| pipes \\|"),
    ("# heading", "\\# heading"),
    ("**bold**", "\\*\\*bold\\*\\*"),
    ("[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("1. step", "1\\. step"),
    ("12) step", "12\\) step"),
    ("3.5 weeks", "3.5 weeks"),
    ("---", "\\---"),
    ("===", "\\==="),
    ("&copy; &#169; AT&T", "\\&copy; &\\#169; AT&T"),
    ("emoji 😀 stays", "emoji 😀 stays"),
])
def test_typed_markup_is_escaped_line_by_line(typed, line):
    assert render.md_lines(typed) == [line]


def test_line_breaks_become_paragraphs_and_blank_lines_go():
    assert render.md_lines("one\r\ntwo\n\n\n   three  \n") == ["one", "two", "three"]
    assert render.md_lines("   \n\n") == []


def test_hostile_answers_render_as_the_typed_text_in_commonmark():
    result = run(**HOSTILE)
    html = MarkdownIt("commonmark").enable("table").render(result["markdown"])
    for tag in ("<script", "<img", "<a ", "<h3", "<code", "<em>slanted", "<li>a list", "<hr", "<table"):
        assert tag not in html, tag
    # The only headings are ours: the title and one per part.
    assert html.count("<h1>") == 1 and html.count("<h2>") == 7
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "| pipes | in | a | row |" in html
    assert "[link](javascript:alert(1)) ![img](x.png) &lt;https://example.com&gt;" in html
    assert "**bold** and _slanted_ and `code`" in html
    assert "&amp;copy; &amp;#169;" in html  # shown as typed, not as ©
    assert "Ana 😀 and 李 — ünïcödé" in html
    assert "<p>" + "x" * 5000 + "</p>" in html
    for line in ("line one", "line two", "indented line", "- a list item", "1. a step", "---"):
        assert f"<p>{line}</p>" in html, line


# ------------------------------------------------------------------ the JSON file


def test_json_export_holds_everything_as_typed():
    result = run(**HOSTILE)
    assert result["attachments"] == ["json"]
    data = json.loads(result["json"])
    assert data["format"] == "support-sourcing-playbook/freelancer-worksheet"
    assert data["version"] == 1
    assert data["saved_at"] == "2026-11-23T09:30:00Z"
    assert list(data["answers"]) == PUBLISHED_IDS
    for key, typed in HOSTILE.items():
        assert data["answers"][key] == typed  # not stripped, not escaped
    assert data["answers"]["scope.tier"] == ""
    assert data["schedule"]["status"] == "incomplete"
    assert "😀" in result["json"]  # written as UTF-8, not \\u escapes


def test_saved_at_is_written_in_utc():
    data = json.loads(run(saved_at="2026-11-23T10:30:00+01:00")["json"])
    assert data["saved_at"] == "2026-11-23T09:30:00Z"
    assert json.loads(calculators.run("worksheet", {"today": "2026-11-01"})["json"])["saved_at"] is None


def test_round_trip_restores_every_answer_byte_for_byte():
    typed = {**HOSTILE, **SMALL, "support.ending": "tab\there\nand a trailing newline\n"}
    exported = run(**typed)["json"]
    opened = calculators.run("worksheet_import", {"file": exported})
    assert opened["ok"], opened
    restored = opened["outputs"]["answers"]
    assert list(restored) == PUBLISHED_IDS
    for key in PUBLISHED_IDS:
        assert restored[key] == typed.get(key, ""), key
    assert opened["outputs"]["ignored"] == []
    assert opened["outputs"]["saved_at"] == "2026-11-23T09:30:00Z"
    # ...and exporting what was restored gives the same answers again.
    again = json.loads(run(**restored)["json"])
    assert again["answers"] == json.loads(exported)["answers"]


def test_import_worked_example_leaves_out_unknown_questions_with_a_note():
    text = json.dumps({**FILE_HEAD, "answers": {"outcome.desired": "Quicker evening replies", "retired.question": "x"}})
    opened = calculators.run("worksheet_import", {"file": text})
    assert opened["ok"]
    assert opened["outputs"]["answers"]["outcome.desired"] == "Quicker evening replies"
    assert all(v == "" for k, v in opened["outputs"]["answers"].items() if k != "outcome.desired")
    assert opened["outputs"]["ignored"] == ["retired.question"]
    assert opened["outputs"]["answered"] == 1
    assert "Left out 1 answers to questions this worksheet does not ask: retired.question." in opened["markdown"]


NOT_OURS = "This file is not a worksheet saved from this page"


@pytest.mark.parametrize(("text", "message"), [
    ("", "Choose a worksheet file (.json) saved from this page."),
    ("{not json", f"{NOT_OURS}: it is not JSON text."),
    ("\ufeff" + "<html>", f"{NOT_OURS}: it is not JSON text."),
    ("[1, 2, 3]", f"{NOT_OURS}: it is JSON, but not in the worksheet's format."),
    ('"a string"', f"{NOT_OURS}: it is JSON, but not in the worksheet's format."),
    (json.dumps({"format": "something-else", "version": 1, "answers": {}}),
     f"{NOT_OURS}: it is JSON, but not in the worksheet's format."),
    (json.dumps({**FILE_HEAD, "version": 99, "answers": {}}),
     "This worksheet file has version 99; this page reads version 1. Open it with the page that saved it."),
    (json.dumps({**FILE_HEAD, "version": "1", "answers": {}}),
     'This worksheet file has version "1"; this page reads version 1. Open it with the page that saved it.'),
    (json.dumps({**FILE_HEAD, "version": True, "answers": {}}),
     "This worksheet file has version true; this page reads version 1. Open it with the page that saved it."),
    (json.dumps({"format": FILE_HEAD["format"], "answers": {}}),
     "This worksheet file has version missing; this page reads version 1. Open it with the page that saved it."),
    (json.dumps({**FILE_HEAD, "answers": ["outcome.desired", "x"]}), f"{NOT_OURS}: it holds no set of answers."),
    (json.dumps(FILE_HEAD), f"{NOT_OURS}: it holds no set of answers."),
    (json.dumps({**FILE_HEAD, "answers": {"outcome.desired": 42}}), f"{NOT_OURS}: the answer to “The outcome” is not text."),
    (json.dumps({**FILE_HEAD, "answers": {"scope.channels.email": True}}), f"{NOT_OURS}: the answer to “Email” is not text."),
    (json.dumps({**FILE_HEAD, "answers": {"outcome.desired": "x" * 20_001}}),
     f"{NOT_OURS}: the answer to “The outcome” is longer than 20,000 characters."),
    (json.dumps({**FILE_HEAD, "saved_at": "yesterday", "answers": {}}), f"{NOT_OURS}: its saved-at time is not a date and time."),
    ("[" * 100_000 + "]" * 100_000, f"{NOT_OURS}: it is JSON, but not in the worksheet's format."),
    ('{"a":' * 33 + "1" + "}" * 33, f"{NOT_OURS}: it is JSON, but not in the worksheet's format."),
    ('{"n": ' + "9" * 5000 + "}", f"{NOT_OURS}: it is not JSON text."),  # past Python's digit limit
])
def test_a_file_that_is_not_a_saved_worksheet_is_refused_with_one_plain_message(text, message):
    result = calculators.run("worksheet_import", {"file": text})
    assert result == {"ok": False, "name": "worksheet_import", "errors": {"file": message}}


def test_a_file_saved_again_with_a_byte_order_mark_still_opens():
    text = "\ufeff" + json.dumps({**FILE_HEAD, "answers": {"outcome.desired": "Yes"}})
    assert calculators.run("worksheet_import", {"file": text})["outputs"]["answers"]["outcome.desired"] == "Yes"


def test_nesting_is_counted_outside_strings_only():
    # Depth 3 in structure; the brackets and escaped quotes inside strings do not count.
    text = json.dumps({**FILE_HEAD, "answers": {"outcome.desired": "[[[{{{ \\\" [[[" * 50}, "x": [[1]]})
    assert worksheet.files.nests_deeper_than(text, 3) is False
    assert worksheet.files.nests_deeper_than(text, 2) is True
    assert calculators.run("worksheet_import", {"file": text})["ok"]


def test_a_huge_file_is_refused_before_it_is_read():
    huge = json.dumps({**FILE_HEAD, "answers": {"outcome.desired": "x" * 2_000_000}})
    result = calculators.run("worksheet_import", {"file": huge})
    assert result["errors"] == {"file": "Worksheet file is too long: keep it under 2,000,000 characters."}
    with pytest.raises(calculators.Refusal) as refused:
        worksheet.read_file(huge)
    assert refused.value.errors == {
        "file": "This file is too large to be a saved worksheet (more than 2,000,000 characters)."}


def test_a_file_that_is_not_text_is_refused():
    assert calculators.run("worksheet_import", {"file": 12})["errors"] == {"file": "Worksheet file must be text."}


# ------------------------------------------------------------------ the start dates


def test_schedule_worked_example():
    # 2027-01-04 − 3 weeks (21 days) = 2026-12-14; − 4 weeks (28 days) = 2026-11-16.
    out = run(**{"timing.trained_by_date": "2027-01-04", "timing.training_weeks": "3",
                 "timing.recruiting_weeks": "4"})["outputs"]["schedule"]
    assert out == {
        "status": "ok",
        "message": "Start recruiting by 2026-11-16 and training by 2026-12-14 to have freelancers ready on 2027-01-04.",
        "trained_by": "2027-01-04", "start_training_by": "2026-12-14", "start_recruiting_by": "2026-11-16",
        "problems": [],
    }


def test_part_weeks_round_up_to_whole_days():
    # 1.5 weeks = 10.5 days -> 11; 2027-01-04 − 11 days = 2026-12-24; 0.5 weeks -> 4 days: 2026-12-20.
    out = run(**{"timing.trained_by_date": "2027-01-04", "timing.training_weeks": "1.5",
                 "timing.recruiting_weeks": "0.5"})["outputs"]["schedule"]
    assert (out["start_training_by"], out["start_recruiting_by"]) == ("2026-12-24", "2026-12-20")


@pytest.mark.parametrize(("today", "problems"), [
    # Recruiting should have started 2026-11-16: on 2026-12-07 that is 21 days ago.
    ("2026-12-07", ["Recruiting would have had to start on 2026-11-16, 21 days ago."]),
    # On 2026-12-28, 7 days (1 week) are left for 3 weeks of training; recruiting is 42 days late.
    ("2026-12-28", ["Recruiting would have had to start on 2026-11-16, 42 days ago.",
                    "Training (3 weeks) is longer than the 1 week left before the trained-by date."]),
    # On 2027-01-10 the trained-by date itself was 6 days ago.
    ("2027-01-10", ["Recruiting would have had to start on 2026-11-16, 55 days ago.",
                    "The trained-by date, 2027-01-04, has already passed: it was 6 days ago."]),
])
def test_dates_that_cannot_work_say_why(today, problems):
    result = calculators.run("worksheet", {"today": today, "timing.trained_by_date": "2027-01-04",
                                           "timing.training_weeks": "3", "timing.recruiting_weeks": "4"})
    schedule = result["outputs"]["schedule"]
    assert schedule["status"] == "late"
    assert schedule["problems"] == problems
    assert schedule["start_recruiting_by"] == "2026-11-16"  # the plan is still given
    assert f"Checked on {today}. These dates cannot work as planned" in result["markdown"]
    for problem in problems:
        assert f"- {problem}" in result["markdown"]


def test_the_day_recruiting_should_start_still_works():
    schedule = calculators.run("worksheet", {"today": "2026-11-16", "timing.trained_by_date": "2027-01-04",
                                             "timing.training_weeks": "3", "timing.recruiting_weeks": "4"})
    assert schedule["outputs"]["schedule"]["status"] == "ok"


def test_missing_timing_answers_are_named():
    out = run(**{"timing.trained_by_date": "2027-01-04"})["outputs"]["schedule"]
    assert out["status"] == "incomplete"
    assert out["message"] == ("Give the training time and the recruiting time to work out when recruiting "
                              "and training must start.")
    assert out["start_training_by"] is None


def test_unreadable_timing_answers_are_kept_and_flagged_not_refused():
    result = run(**{"timing.trained_by_date": "2027-02-30", "timing.training_weeks": "three",
                    "timing.recruiting_weeks": "4", "timing.hours_per_week": "about 20"})
    out = result["outputs"]
    assert out["schedule"]["status"] == "unreadable"
    assert out["schedule"]["message"] == "Correct the trained-by date and the training time above to see the start dates."
    assert out["problems"]["timing.training_weeks"] == (
        "Training time must be a number; “three” is not one. It is kept as you typed it.")
    assert out["problems"]["timing.hours_per_week"].startswith("Hours a week must be a number; “about 20”")
    assert set(out["problems"]) == {"timing.trained_by_date", "timing.training_weeks", "timing.hours_per_week"}
    assert "about 20\n" in result["markdown"]
    assert json.loads(result["json"])["answers"]["timing.hours_per_week"] == "about 20"


def test_a_trained_by_date_outside_the_calendar_is_flagged():
    out = run(**{"timing.trained_by_date": "0001-01-01", "timing.training_weeks": "104",
                 "timing.recruiting_weeks": "104"})["outputs"]
    assert out["problems"]["timing.trained_by_date"] == (
        "Trained-by date must be between 1900-01-01 and 2999-12-31. It is kept as you typed it.")
    assert out["schedule"]["message"] == "Correct the trained-by date above to see the start dates."
    # Called directly, the schedule is just as careful.
    direct = worksheet.schedule(dt.date(1, 1, 1), 104, 104, dt.date(2026, 11, 1))
    assert direct.status == "unreadable" and direct.start_training_by is None


def test_lead_times_past_two_years_are_flagged():
    out = run(**{"timing.trained_by_date": "2027-01-04", "timing.training_weeks": "105",
                 "timing.recruiting_weeks": "4"})["outputs"]
    assert out["problems"]["timing.training_weeks"].startswith("Training time must be at most 104 weeks.")
    assert out["schedule"]["status"] == "unreadable"


# ------------------------------------------------------------------ progress


def test_progress_per_part_and_overall():
    progress = run(**SMALL)["outputs"]["progress"]
    counts = {part: (p["answered"], p["total"]) for part, p in progress["parts"].items()}
    assert counts == {"outcome": (1, 1), "scope": (2, 4), "timing": (4, 6), "candidates": (2, 10),
                      "support": (0, 7), "operations": (0, 6), "success": (1, 2)}
    assert (progress["answered"], progress["total"]) == (10, 36)
    assert progress["percent"] == pytest.approx(10 / 36 * 100)
    assert progress["parts"]["scope"]["percent"] == 50.0


def test_what_counts_as_answered():
    def answered(**typed):
        return run(**typed)["outputs"]["progress"]["answered"]

    assert answered() == 0
    assert answered(**{"outcome.desired": "   \n  "}) == 0  # blank is not an answer
    assert answered(**{"scope.channels.email": "false", "scope.channels.chat": "false"}) == 0
    assert answered(**{"scope.channels.other": "Forums"}) == 1
    assert answered(**{"scope.tier": ""}) == 0  # "not decided yet"
    assert answered(**{"scope.tier": "all"}) == 1
    assert answered(**{"timing.hours_per_week": "about 20"}) == 1  # typed, though it does not read


def test_unanswered_lists_every_open_question_in_order_with_its_anchor():
    out = run(**SMALL)["outputs"]
    open_ids = [q["id"] for q in out["unanswered"]]
    assert len(open_ids) == 26
    assert open_ids[:3] == ["scope.ticket_types", "scope.escalate", "timing.term"]
    assert out["unanswered"][0] == {"id": "scope.ticket_types", "part": "scope",
                                    "prompt": "Which kinds of ticket will they answer?",
                                    "anchor": "q-scope-ticket-types"}
    assert out["complete"] is False


def test_a_complete_worksheet_says_so():
    typed = {f.key: ("true" if f.kind == "bool" else f.choices[1][0] if f.kind == "choice" else
                     "2027-01-04" if f.kind == "date" else "3" if f.kind == "number" else "An answer")
             for f in worksheet.ANSWER_FIELDS}
    result = run(**typed)
    assert result["outputs"]["complete"] is True and result["outputs"]["unanswered"] == []
    assert result["outputs"]["progress"]["percent"] == 100.0
    assert NO not in result["markdown"]
    assert "36 of 36 questions answered (100%); the worksheet is complete." in result["html"]


# ------------------------------------------------------------------ what is refused


def test_only_what_the_page_cannot_send_is_refused():
    refused = calculators.run("worksheet", {"outcome.desired": ["a", "list"], "scope.tier": 3,
                                            "support.ending": "x" * 20_001, "saved_at": "2026-11-23 09:30"})
    assert refused["ok"] is False
    assert refused["errors"] == {
        "outcome.desired": "The outcome must be text.",
        "scope.tier": "Highest tier must be one of: Not decided yet, First line only (tier 1), "
                      "First and second line (tiers 1 and 2), Any tier.",
        "support.ending": "Ending a contract is too long: keep it under 20,000 characters.",
        "saved_at": "Saved at must be a date and time with its time zone, such as 2026-11-23T09:30:00Z.",
    }
    assert calculators.run("worksheet", ["not", "a", "mapping"])["errors"] == {
        "inputs": "The inputs must be a set of named values."}


def test_numbers_and_ticks_given_as_json_values_are_kept_as_a_person_would_type_them():
    data = json.loads(run(**{"timing.hours_per_week": 60.0, "timing.training_weeks": 1.5,
                             "scope.channels.email": True})["json"])["answers"]
    assert (data["timing.hours_per_week"], data["timing.training_weeks"], data["scope.channels.email"]) == (
        "60", "1.5", "true")


def test_layout_for_the_page_covers_every_answer_field_once():
    keys = [f["key"] for part in worksheet.layout() for q in part["questions"] for f in q["fields"]]
    assert keys == PUBLISHED_IDS
