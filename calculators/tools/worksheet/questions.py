"""The worksheet's questions, as data: seven parts, each a list of :class:`Question`, each
question one or more :class:`~calculators.fields.Field`.

This is the one declaration of every question: the form, the page (``layout``), the
progress count, the Markdown document and the JSON file all read it. A field's key is the
answer's id in saved answers and in JSON files (``outcome.desired``,
``scope.channels.email``, ...), so keys never change once published; a new question gets a
new key.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ... import rollout
from ...core.fields import Field

TITLE = "Freelancer program worksheet"
ANSWER_MAX_CHARS = 20_000  # about eight pages of text in one answer
SCHEDULE_PART = "timing"  # the part whose answers give the start dates


@dataclass(frozen=True)
class Link:
    text: str
    target: str  # a page of the site, from the docs folder: "guide/costs.md#per-hour"


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    help: str
    fields: tuple[Field, ...]

    @property
    def anchor(self) -> str:
        return "q-" + self.id.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class Part:
    id: str
    number: int
    title: str
    intro: str
    links: tuple[Link, ...]
    questions: tuple[Question, ...]


# ----------------------------------------------------------------- the questions

_UNDECIDED = ("", "Not decided yet")


def _text(key: str, label: str) -> Field:
    return Field(key, label, "text", required=False, max=ANSWER_MAX_CHARS)


def _ask(key: str, prompt: str, help: str = "", label: str = "") -> Question:
    """A question answered in free text; ``label`` names it in messages."""
    return Question(key, prompt, help, (_text(key, label or prompt),))


def _one(field: Field, prompt: str, help: str = "") -> Question:
    """A question answered by one structured field."""
    return Question(field.key, prompt, help, (field,))


def _part(id: str, number: int, title: str, intro: str, links: tuple[Link, ...], *questions: Question) -> Part:
    # Each field's group is its part's title, so calculators.spec() shows the same sections.
    grouped = tuple(replace(q, fields=tuple(replace(f, group=title) for f in q.fields)) for q in questions)
    return Part(id, number, title, intro, links, grouped)


PARTS: tuple[Part, ...] = (
    _part(
        "outcome", 1, "The outcome you want",
        "Name the result first: every later answer is a means to it, and the success measures in part 7 check it.",
        (Link("Freelancers: the case for and against", "freelancers/index.md"),
         Link("Where outside help pays off", "guide/pros-and-cons.md#advantages")),
        _ask("outcome.desired", "What should freelancers change for your team and for your customers?",
             "For instance: first replies that stay quick through a seasonal rush, an evening shift nobody on the "
             "team can cover, or senior people freed for the harder cases.", "The outcome"),
    ),
    _part(
        "scope", 2, "The work they take on",
        "Draw the line between what freelancers handle and what stays with your own people.",
        (Link("The five-question decision checklist", "guide/in-house-outsourced-hybrid.md#decision-checklist"),
         Link("How a hybrid split works", "guide/in-house-outsourced-hybrid.md#hybrid-split"),
         Link("Decision calculator", "calculators/decision.md")),
        _ask("scope.ticket_types", "Which kinds of ticket will they answer?",
             "Routine, well-documented requests are the usual start: that keeps the weightier conversations with "
             "your own staff.", "Ticket types"),
        _one(Field("scope.tier", "Highest tier", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("tier1", "First line only (tier 1)"),
                 ("tier2", "First and second line (tiers 1 and 2)"),
                 ("all", "Any tier"))),
             "How far up your support tiers may they go?"),
        Question("scope.channels", "On which channels will they work?", "Tick every one that applies.", (
            Field("scope.channels.email", "Email", "bool", default=False, required=False),
            Field("scope.channels.chat", "Live chat", "bool", default=False, required=False),
            Field("scope.channels.phone", "Phone", "bool", default=False, required=False),
            Field("scope.channels.social", "Social media", "bool", default=False, required=False),
            _text("scope.channels.other", "Other channels"),
        )),
        _ask("scope.escalate", "Which cases go back to your in-house team?",
             "Think of refunds over a limit, legal or security questions, and long-standing customers who are "
             "upset.", "Cases for the in-house team"),
    ),
    _part(
        "timing", 3, "When you need them",
        "Decide how long the arrangement runs and how much work it covers, then count back from the day "
        "freelancers must be ready to the days recruiting and training have to begin.",
        (Link("Rollout planner", "calculators/rollout.md"),
         Link("Cost calculator, for what the hours cost", "calculators/cost.md"),
         Link("Before day one of a rollout", "guide/first-90-days.md#before-day-one")),
        _one(Field("timing.term", "Length of the arrangement", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("ongoing", "Ongoing, with no end planned"),
                 ("fixed", "For a fixed period"))),
             "Is this a lasting arrangement, or help for a set stretch of time?"),
        _one(Field("timing.duration_months", "Length in months", "number", "months", required=False,
                   min=0, min_exclusive=True, max=120),
             "For how many months do you expect to need them?",
             "One number. A season often takes one to three, a project three to six."),
        _one(Field("timing.hours_per_week", "Hours a week", "number", "hours a week", required=False,
                   min=0, min_exclusive=True, max=10_000),
             "How many hours of freelance work a week do you need, across all of them?",
             "What one person works goes into the candidate profile in part 4."),
        _one(Field("timing.trained_by_date", "Trained-by date", "date", required=False),
             "On what date must they be fully trained and taking tickets?"),
        _one(Field("timing.training_weeks", "Training time", "number", "weeks", required=False,
                   min=0, max=rollout.MAX_LEAD_WEEKS),
             "How many weeks will training take?",
             "From the first training session to working the queue unaided."),
        _one(Field("timing.recruiting_weeks", "Recruiting time", "number", "weeks", required=False,
                   min=0, max=rollout.MAX_LEAD_WEEKS),
             "How many weeks will finding and signing them take?",
             "From posting the role to contracts signed and people ready for training."),
    ),
    _part(
        "candidates", 4, "The people you bring in",
        "Describe the person, how you will choose them, the agreement you will sign and where you will look. "
        "The profile answers become the job post.",
        (Link("Cost calculator, for pay and hours", "calculators/cost.md"),
         Link("Hiring and training questions to ask", "guide/choosing-a-partner.md#rfp-hiring-training")),
        _ask("candidates.profile", "What attitude and skills should they bring?",
             "How they treat customers, how they write, what they already know about your product or field.",
             "Attitude and skills"),
        _ask("candidates.pay_range", "What pay range will you offer?",
             "Per hour or per ticket, and in which currency.", "Pay range"),
        _ask("candidates.location", "Which time zones or places should they work from?",
             label="Time zones or places"),
        _ask("candidates.hours", "When should each of them work, and for how many hours a week?",
             label="Working hours"),
        _ask("candidates.evaluation", "How will you assess applicants?",
             "For example: a resume screen, a set of interview questions, and a short written test answering real "
             "customer questions.", "Assessment"),
        _one(Field("candidates.contract_term", "Contract term", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("open", "Open-ended"),
                 ("end_date", "Ends on a set date"))),
             "Will the contract run open-ended or until a set date?"),
        _one(Field("candidates.nda", "Non-disclosure agreement", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("yes", "Yes"),
                 ("no", "No"))),
             "Will they sign a non-disclosure agreement?"),
        _ask("candidates.performance_terms", "Which performance expectations go into the contract?",
             "Writing them in is worth the effort. If you have a legal team, ask it to review the agreement.",
             "Performance expectations"),
        _ask("candidates.sourcing", "Where will you look for freelancers?",
             "Marketplaces such as Upwork, Fiverr, Toptal or Hubstaff, referrals, or people from your own "
             "community.", "Where to look"),
        Question("candidates.platform", "What should a platform do for you, if you use one?",
                 "Tick what you want to hand over.", (
                     Field("candidates.platform.prescreen", "Screen candidates before you approve them", "bool",
                           default=False, required=False),
                     Field("candidates.platform.payments", "Handle invoices and payments", "bool",
                           default=False, required=False),
                     Field("candidates.platform.self_managed", "Neither: we search and pay people ourselves",
                           "bool", default=False, required=False),
                 )),
    ),
    _part(
        "support", 5, "Supporting them once they start",
        "Freelancers work best with the same feedback and news your own team gets.",
        (Link("Feedback loops", "guide/kpis-and-feedback.md#feedback-loops"),
         Link("Weekly quality calibration", "guide/first-90-days.md#weekly-calibration")),
        _ask("support.reviewer", "Who checks their tickets, their pace and whether customers' problems get solved?",
             label="Reviewer"),
        _ask("support.review_process", "How will ticket review work?",
             "How many tickets a week, the scoring rubric, and how the feedback reaches each freelancer.",
             "Review process"),
        _ask("support.communication", "How will you keep them informed, and hear what they learn?",
             "Bugs, product changes, what customers are asking for, ticket trends: which channel carries each.",
             "Communication"),
        _ask("support.recognition", "How will you recognize and reward the strongest performers?",
             label="Recognition"),
        _ask("support.evaluations", "How and how often will you review each freelancer's performance?",
             label="Performance reviews"),
        _ask("support.rate_changes", "When and on what grounds will rates change?", label="Rate changes"),
        _ask("support.ending", "How will you end an arrangement that is not working?", label="Ending a contract"),
    ),
    _part(
        "operations", 6, "Behind the scenes",
        "The access, tools and routines that have to exist before the first freelancer logs in.",
        (Link("Data security and compliance", "guide/pros-and-cons.md#data-security"),
         Link("Escalation rules", "guide/first-90-days.md#escalation-rules"),
         Link("Working inside your help desk", "guide/what-is-outsourcing.md#crm-integration")),
        _ask("operations.security", "Which security measures must be in place first?",
             "Single sign-on, two-step login, roles that show only the data a ticket needs, rules for personal "
             "devices.", "Security measures"),
        _one(Field("operations.queue", "Queue", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("yes", "Yes"),
                 ("partly", "Partly: it needs changes"),
                 ("no", "No: it has to be set up"))),
             "Is there a queue for this work already?"),
        _one(Field("operations.training_materials", "Training materials", "choice", default="", required=False,
                   choices=(
                       _UNDECIDED,
                       ("yes", "Yes"),
                       ("partly", "Partly: they need work"),
                       ("no", "No: they have to be written"))),
             "Is there training material for this work already?"),
        _ask("operations.tools_access", "Which tools will they use, and with which permissions?",
             label="Tools and permissions"),
        _ask("operations.escalation", "How will escalation work, both the written steps and the ticket routing?",
             label="Escalation"),
        _ask("operations.scheduling", "How will each freelancer's working hours be set and shared?",
             "You schedule them, they keep standard hours, or they choose within limits you set.",
             "Scheduling"),
    ),
    _part(
        "success", 7, "What success looks like",
        "Decide now how you will judge the program, so the review at the end is not guesswork.",
        (Link("KPI check", "calculators/kpi.md"),
         Link("Benchmarks to write into an agreement", "guide/kpis-and-feedback.md#kpi-benchmarks")),
        _ask("success.signals", "How will you tell whether the freelancers are working out?", label="Signs of success"),
        _ask("success.measures", "Which numbers will you track?",
             "For example: first response time, resolution rate, customer satisfaction, quality score, cost per "
             "ticket.", "Measures"),
    ),
)

QUESTIONS: tuple[Question, ...] = tuple(q for p in PARTS for q in p.questions)
ANSWER_FIELDS: tuple[Field, ...] = tuple(f for q in QUESTIONS for f in q.fields)

BY_KEY: dict[str, Field] = {f.key: f for f in ANSWER_FIELDS}
PART_OF: dict[str, Part] = {q.id: p for p in PARTS for q in p.questions}


def layout() -> list[dict[str, Any]]:
    """The parts and questions as plain data for the page template (macros.py)."""
    return [
        {"id": p.id, "number": p.number, "title": p.title, "intro": p.intro,
         "links": [{"text": link.text, "target": link.target} for link in p.links],
         "questions": [{"id": q.id, "anchor": q.anchor, "prompt": q.prompt, "help": q.help,
                        "fields": [f.to_dict() for f in q.fields]} for q in p.questions]}
        for p in PARTS
    ]
