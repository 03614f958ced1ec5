"""Every published figure the site quotes, defined once.

The guide's prose reaches these through the ``figure`` macro (``macros.py``) and the
calculators read them as defaults and benchmark ranges, so a page and a calculator can
never disagree. Each figure names where it comes from in ``source``:

* ``guide-2026``: the outsourcing guide the playbook is built from (pricing models,
  hidden costs, KPI benchmark ranges, the 90-day timeline, ramp-up time).
* ``freelancer-critique``: the article arguing against freelancers (hourly cost ceiling).
* ``freelancer-worksheet``: the worksheet for setting up a freelancer program
  (engagement lengths).
* ``workforce-convention``: staffing conventions used across workforce-management
  practice (the 80/20 service level, typical shrinkage and occupancy caps); see the
  sources page.
* ``gdpr``: the EU General Data Protection Regulation (a legal deadline, quoted as the law
  states it; general information, not legal advice).
* ``site-assumption``: no source gives the figure; the playbook chose it and every page
  that quotes it must say so (``Figure.assumed``).

Money is in US dollars unless ``currency`` says otherwise; the currency setting of the
site changes labels, never these amounts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["money", "percent", "hours", "minutes", "seconds", "days", "weeks", "months", "count"]


@dataclass(frozen=True)
class Figure:
    """A published value or range.

    ``low``/``high`` are the bounds (equal for a single value; ``high`` is None for an
    open-ended "or more" figure). ``per`` is what a money figure is counted per
    ("agent hour", "ticket"). ``qualifier`` is "under", "at least", "up to" or "" and
    shapes how the figure reads in a sentence.
    """

    key: str
    label: str
    kind: Kind
    low: float
    high: float | None
    source: str
    per: str = ""
    qualifier: str = ""
    currency: str = "USD"
    plus: bool = False  # the source writes the top of the range as "N+"

    @property
    def assumed(self) -> bool:
        """True for our assumption (the site's own figure) rather than a figure any source publishes."""
        return self.source == ASSUMPTION


ASSUMPTION = "site-assumption"


def _f(key: str, label: str, kind: Kind, low: float, high: float | None, source: str, **kw) -> Figure:
    return Figure(key, label, kind, low, high, source, **kw)


_FIGURES: tuple[Figure, ...] = (
    # Pricing models (vendor fees)
    _f("per_hour_rate", "Vendor price per agent hour", "money", 8, 25, "guide-2026", per="agent hour"),
    _f("per_ticket_simple", "Vendor price per simple ticket", "money", 1, 5, "guide-2026", per="ticket"),
    _f("per_ticket_complex", "Vendor price per complex ticket", "money", 6, 15, "guide-2026", per="ticket", plus=True),
    _f("per_fte_monthly", "Vendor price per dedicated agent (FTE) per month", "money", 1200, 3500, "guide-2026", per="agent per month"),
    _f("hidden_cost_percent", "Hidden and indirect costs on top of vendor fees", "percent", 10, 30, "guide-2026"),
    _f("hidden_cost_default_percent", "Hidden-cost share the calculators assume unless told otherwise", "percent", 20, 20, ASSUMPTION),
    _f("all_in_per_agent_monthly", "All-in monthly cost per outsourced agent for an SMB", "money", 1500, 4000, "guide-2026", per="agent per month"),
    _f("freelancer_hourly_max", "Hourly cost a support freelancer can reach", "money", 100, 100, "freelancer-critique", per="hour", qualifier="up to", currency="EUR"),
    # KPI benchmark ranges
    _f("chat_response_minutes", "Live chat average response time", "minutes", 60, 60, "guide-2026", qualifier="under"),
    _f("email_response_hours", "Email or ticket average response time", "hours", 24, 24, "guide-2026", qualifier="under"),
    _f("fcr_percent", "First contact resolution (FCR)", "percent", 70, 85, "guide-2026"),
    _f("csat_percent", "Customer satisfaction (CSAT)", "percent", 85, None, "guide-2026", qualifier="at least"),
    _f("resolution_hours", "Resolution time for simple issues", "hours", 24, 48, "guide-2026", qualifier="within"),
    _f("escalation_percent", "Escalation rate", "percent", 10, 15, "guide-2026", qualifier="under"),
    # Timelines
    _f("pilot_days", "Length of the vendor pilot", "days", 30, 30, "guide-2026"),
    _f("phase_days", "Length of each rollout phase", "days", 30, 30, "guide-2026"),
    _f("rollout_days", "Length of the first rollout", "days", 90, 90, "guide-2026"),
    _f("pilot_ramp_bar_days", "Pilot bar for onboarding speed: days until agents work alone (the whole pilot)", "days", 30, 30, ASSUMPTION),
    _f("ramp_weeks", "Time for an outsourced team to become productive", "weeks", 4, 8, "guide-2026"),
    _f("full_efficiency_days", "Time to full efficiency", "days", 60, 90, "guide-2026"),
    _f("freelancer_short_months", "A short freelancer engagement", "months", 1, 3, "freelancer-worksheet"),
    _f("freelancer_longer_months", "A longer freelancer engagement", "months", 3, 6, "freelancer-worksheet"),
    # Staffing conventions
    _f("service_level_percent", "Service-level target (share answered in time)", "percent", 80, 80, "workforce-convention"),
    _f("answer_seconds", "Service-level target time", "seconds", 20, 20, "workforce-convention"),
    _f("shrinkage_percent", "Shrinkage assumed for staffing", "percent", 30, 30, "workforce-convention"),
    _f("max_occupancy_percent", "Maximum occupancy before agents burn out", "percent", 85, 85, "workforce-convention"),
    # The business case: where the sources give no figure, the site's stated assumption
    _f("contract_term_months", "Contract term a business case covers", "months", 12, 60, "site-assumption"),
    _f("contract_term_default_months", "Contract term the business case assumes unless told", "months", 36, 36, "site-assumption"),
    _f("transition_cost", "One-time cost of moving support to an outside team", "money", 5000, 25000, "site-assumption"),
    _f("transition_cost_default", "Transition cost the business case assumes unless told", "money", 15000, 15000, "site-assumption"),
    _f("volume_swing_percent", "Swing in ticket volume a business case should survive", "percent", 20, 20, "site-assumption"),
    _f("volume_growth_percent", "Yearly growth in ticket volume", "percent", 0, 20, "site-assumption"),
    _f("price_increase_percent", "Yearly increase in vendor and freelancer prices", "percent", 0, 5, "site-assumption"),
    _f("salary_increase_percent", "Yearly increase in in-house pay", "percent", 0, 5, "site-assumption"),
    _f("discount_rate_percent", "Yearly discount rate for present values", "percent", 0, 10, "site-assumption"),
    _f("minimum_term_months", "Minimum term the contract page suggests signing", "months", 12, 12, ASSUMPTION),
    # The contract templates: no source gives these; each is the site's stated default
    _f("sla_email_within_percent", "Share of e-mails that must get a first reply within the e-mail benchmark", "percent", 90, 90, ASSUMPTION),
    _f("sla_abandon_percent", "Most calls or chats abandoned after the service-level time", "percent", 5, 5, ASSUMPTION, qualifier="at most"),
    _f("sla_adherence_percent", "Schedule adherence of the vendor's agents", "percent", 90, 90, ASSUMPTION, qualifier="at least"),
    _f("sla_credit_percent", "Service credit for one missed service level, share of the month's fees", "percent", 5, 5, ASSUMPTION),
    _f("sla_at_risk_cap_percent", "Cap on all service credits in a month (fees at risk)", "percent", 15, 15, ASSUMPTION, qualifier="at most"),
    _f("sla_earn_back_months", "Months a missed line must be met in a row to earn its credit back", "months", 3, 3, ASSUMPTION),
    _f("sla_reporting_days", "Business days after the month's end for the monthly report", "days", 5, 5, ASSUMPTION),
    _f("sla_termination_misses", "Missed months of one line, in any six, that allow ending the agreement", "count", 3, 3, ASSUMPTION),
    _f("qa_pass_mark_percent", "QA score a ticket must reach to pass", "percent", 80, 80, ASSUMPTION, qualifier="at least"),
    _f("qa_sample_per_agent_week", "Tickets scored per agent per week", "count", 5, 5, ASSUMPTION),
    _f("qa_weight_policy", "QA rubric weight of policy accuracy", "percent", 25, 25, ASSUMPTION),
    _f("qa_weight_resolution", "QA rubric weight of resolution", "percent", 20, 20, ASSUMPTION),
    _f("qa_weight_voice", "QA rubric weight of brand voice", "percent", 15, 15, ASSUMPTION),
    _f("qa_weight_facts", "QA rubric weight of accuracy of facts", "percent", 15, 15, ASSUMPTION),
    _f("qa_weight_escalation", "QA rubric weight of escalation", "percent", 10, 10, ASSUMPTION),
    _f("qa_weight_security", "QA rubric weight of security and privacy", "percent", 10, 10, ASSUMPTION),
    _f("qa_weight_hygiene", "QA rubric weight of help-desk hygiene", "percent", 5, 5, ASSUMPTION),
    _f("qa_calibration_points", "Most points two QA reviewers may differ on the same ticket", "count", 5, 5, ASSUMPTION, qualifier="at most"),
    _f("sev1_response_minutes", "Severity 1 escalation: minutes to reach your on-call owner", "minutes", 15, 15, ASSUMPTION, qualifier="within"),
    _f("sev2_response_hours", "Severity 2 escalation: hours to reach your team", "hours", 1, 1, ASSUMPTION, qualifier="within"),
    _f("sev3_response_hours", "Severity 3 escalation: business hours to reach your queue", "hours", 8, 8, ASSUMPTION, qualifier="within"),
    _f("breach_notice_hours", "Hours within which the vendor tells you of a personal-data breach", "hours", 24, 24, ASSUMPTION, qualifier="within"),
    _f("gdpr_breach_authority_hours", "Hours the GDPR gives a controller to tell the authority of a breach (Art. 33)", "hours", 72, 72, "gdpr", qualifier="within"),
    _f("recording_retention_days", "Days call recordings and chat transcripts are kept by the vendor", "days", 90, 90, ASSUMPTION),
    _f("recovery_time_hours", "Hours to restore service from another site or home agents after a disaster", "hours", 4, 4, ASSUMPTION, qualifier="within"),
    _f("attrition_cap_percent", "Yearly agent attrition on your account before a retention plan is due", "percent", 35, 35, ASSUMPTION),
    _f("key_person_notice_days", "Notice before the vendor replaces a named key person", "days", 30, 30, ASSUMPTION),
    _f("forecast_notice_days", "Days ahead you give the vendor each month's volume forecast", "days", 30, 30, ASSUMPTION),
    _f("forecast_tolerance_percent", "Volume swing around the forecast the vendor must staff for at the agreed price", "percent", 15, 15, ASSUMPTION),
    _f("surge_notice_days", "Days' notice for a planned surge beyond the tolerance", "days", 10, 10, ASSUMPTION),
    _f("gain_share_percent", "Share of savings from the vendor's automation passed to you", "percent", 50, 50, ASSUMPTION),
    _f("termination_notice_days", "Notice to end the agreement after the minimum term", "days", 90, 90, ASSUMPTION),
    _f("exit_assistance_months", "Months of exit assistance after notice", "months", 3, 3, ASSUMPTION),
    _f("liability_cap_months", "Liability cap, in months of fees", "months", 12, 12, ASSUMPTION),
    _f("continuity_notice_hours", "Hours within which the vendor says it has invoked its continuity plan", "hours", 1, 1, ASSUMPTION, qualifier="within"),
    _f("financial_notice_days", "Days within which the vendor reports insolvency or a change of control", "days", 5, 5, ASSUMPTION),
    _f("dispute_step_days", "Days each step of the dispute ladder has to settle an issue", "days", 10, 10, ASSUMPTION),
    _f("change_decision_days", "Days to decide a change request", "days", 10, 10, ASSUMPTION),
)

FIGURES: dict[str, Figure] = {f.key: f for f in _FIGURES}


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_UNIT_WORDS = {
    "hours": ("hour", "hours"),
    "minutes": ("minute", "minutes"),
    "seconds": ("second", "seconds"),
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}


def get(key: str) -> Figure:
    """The figure called ``key``; an unknown key fails loudly so a typo breaks the build."""
    try:
        return FIGURES[key]
    except KeyError:
        raise KeyError(f"unknown figure {key!r}; known: {', '.join(sorted(FIGURES))}") from None


def number(value: float) -> str:
    """12000 -> '12,000'; 7.5 -> '7.5'; 8.0 -> '8'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def money(amount: float, currency: str = "USD") -> str:
    """An amount with its currency: '$1,200', '€100', or 'CHF 90' where no symbol is known."""
    symbol = _SYMBOLS.get(currency)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{number(abs(amount))}" if symbol else f"{sign}{currency} {number(abs(amount))}"


def _value(fig: Figure, value: float) -> str:
    if fig.kind == "money":
        return money(value, fig.currency)
    if fig.kind == "percent":
        return f"{number(value)}%"
    return number(value)


def format_figure(fig: Figure, part: str = "text") -> str:
    """How a figure reads in prose.

    ``part`` is ``"text"`` (the whole figure with unit and qualifier: '$8–$25 per agent
    hour', 'under 24 hours', '70–85%'), ``"range"`` (the numbers only: '$8–$25'),
    ``"low"`` or ``"high"`` (one bound).
    """
    if part == "low":
        return _value(fig, fig.low)
    if part == "high":
        if fig.high is None:
            raise ValueError(f"figure {fig.key!r} has no upper bound")
        return _value(fig, fig.high)
    if fig.high is None:
        numbers = f"{_value(fig, fig.low)} or more" if not fig.qualifier else _value(fig, fig.low)
    elif fig.high == fig.low:
        numbers = _value(fig, fig.low)
    elif fig.kind == "percent":
        numbers = f"{number(fig.low)}–{number(fig.high)}%"
    else:
        numbers = f"{_value(fig, fig.low)}–{_value(fig, fig.high)}{'+' if fig.plus else ''}"
    if part == "range":
        return numbers
    if part != "text":
        raise ValueError(f"unknown part {part!r}: use text, range, low or high")
    words = numbers
    if fig.kind in _UNIT_WORDS:
        one, many = _UNIT_WORDS[fig.kind]
        words = f"{numbers} {one if fig.high == fig.low == 1 else many}"
    elif fig.kind == "money" and fig.per:
        words = f"{numbers} per {fig.per}"
    return f"{fig.qualifier} {words}" if fig.qualifier else words
