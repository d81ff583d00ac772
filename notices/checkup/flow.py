"""The guided check-up as a graph: its steps, and where each answer leads.

Pure domain code: no request, no models. The flow is a small graph of steps. Each step
is one question, and each of its answers names the next step (or END, the plan). Answers
are a plain dict {step slug: answer}, so they fit in a session or a JSONField.

The words of each question are in questions.py; the action plan is in action_plan.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from notices.checkup import questions
from notices.checkup.text import Text, fill
from notices.irs import notice_types
from notices.irs.formatting import dollars, long_date
from notices.irs.notice_details import NoticeDetails

__all__ = ["Text"]  # re-exported: the type of lazily translated words

END = "plan"  # where a finished path goes: the plan page
DETAILS = "details"  # the optional first screen: dates and amount from the notice
FIRST_QUESTION = "arrived"


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    hint: Text = ""


@dataclass(frozen=True)
class Section:
    slug: str
    label: Text


@dataclass(frozen=True)
class Step:
    """One screen: a question, why we ask it, its answers and where each one leads."""

    slug: str
    section: str
    question: Text
    why: Text
    error: Text
    goes_to: Mapping[str, str]  # answer value -> next step slug or END ("" for any answer)
    guide: str  # slug of the guide page that explains this question
    options: tuple[Option, ...] = ()
    hint: Text = ""
    hint_items: tuple[Text, ...] = ()

    @property
    def is_details(self) -> bool:
        return not self.options

    def next_for(self, answer: Any) -> str:
        if self.is_details:
            return self.goes_to[""]
        return self.goes_to[answer]

    def label_for(self, value: str) -> Text:
        return next((o.label for o in self.options if o.value == value), value)


def _text(text: Text) -> Text:
    if isinstance(text, str) and not text:
        return text  # an optional hint left out
    return fill(text)


SECTIONS: tuple[Section, ...] = tuple(
    Section(slug, _text(questions.SECTIONS[slug]))
    for slug in ("notice", "real", "paid", "amount", "pay", "penalty", END)
)


def _step(slug: str, section: str, guide: str, goes_to: Mapping[str, str]) -> Step:
    """Step `slug` with its words from questions.py; options come in the order of goes_to."""
    words = questions.QUESTIONS[slug]
    return Step(
        slug=slug,
        section=section,
        question=_text(words.question),
        why=_text(words.why),
        error=_text(words.error),
        goes_to=goes_to,
        guide=guide,
        options=tuple(Option(value, _text(words.options[value])) for value in goes_to if value),
        hint=_text(words.hint),
        hint_items=tuple(_text(item) for item in words.hint_items),
    )


def _all_to(target: str, *answers: str) -> dict[str, str]:
    return dict.fromkeys(answers, target)


# The graph: (slug, section, guide page, {answer: next step}). An answer's place in its
# dict is its place on the screen.
STEPS: dict[str, Step] = {
    step.slug: step
    for step in (
        _step(DETAILS, "notice", "your-deadline", {"": FIRST_QUESTION}),
        # 1. Is the notice real?
        _step(
            "arrived", "real", "is-it-real", {"mail": "red-flags", "email_text": END, "phone": END}
        ),
        _step("red-flags", "real", "is-it-real", {"yes": END, "no": "notice-details"}),
        _step(
            "notice-details",
            "real",
            "is-it-real",
            _all_to("online-account", "yes", "no", "not_sure"),
        ),
        _step(
            "online-account",
            "real",
            "is-it-real",
            _all_to("already-paid", "shows", "missing", "not_checked"),
        ),
        # 2. Did you already pay?
        _step(
            "already-paid",
            "paid",
            "already-paid",
            {"all": END, "part": "amount-check", "no": "amount-check"},
        ),
        # 3. Does the amount match your return?
        _step(
            "amount-check",
            "amount",
            "think-its-wrong",
            {"matches": "can-pay", "wrong": "dispute-scope", "not_sure": "can-pay"},
        ),
        _step("dispute-scope", "amount", "think-its-wrong", {"none": END, "part": "can-pay"}),
        # 4. Can you pay in full by the pay-by date?
        _step(
            "can-pay",
            "pay",
            "cant-pay",
            _all_to("has-penalty", "full", "short", "monthly", "cannot"),
        ),
        # 5. Penalty relief: first-time abatement as three questions
        _step(
            "has-penalty",
            "penalty",
            "penalty-relief",
            {"yes": "fta-history", "no": END, "not_sure": "fta-history"},
        ),
        _step(
            "fta-history",
            "penalty",
            "penalty-relief",
            {
                "none": "fta-filed",
                "estimated_only": "fta-filed",
                "some": END,
                "not_sure": "fta-filed",
            },
        ),
        _step(
            "fta-filed",
            "penalty",
            "penalty-relief",
            {"yes": "fta-paid", "no": END, "not_sure": "fta-paid"},
        ),
        _step("fta-paid", "penalty", "penalty-relief", _all_to(END, "yes", "no", "not_sure")),
    )
}


def first_step(*, in_case: bool) -> str:
    """A case already has the notice's dates and amount, so it skips the details screen."""
    return FIRST_QUESTION if in_case else DETAILS


# Answers: cleaning what comes back from a session or the database


def clean_answers(raw: Any) -> dict[str, Any]:
    """Only known steps with answers they allow. Anything else is dropped.

    Why: answers come back from a session or a JSONField, which may hold an old format,
    a forged value or junk. The walk and the plan must only ever see valid answers.
    """
    if not isinstance(raw, dict):
        return {}
    answers: dict[str, Any] = {}
    for slug, value in raw.items():
        step = STEPS.get(slug) if isinstance(slug, str) else None
        if step is None:
            continue
        if step.is_details:
            details = NoticeDetails.from_json(value)
            if details is not None:
                answers[slug] = details.to_json()
        elif isinstance(value, str) and value in step.goes_to:
            answers[slug] = value
    return answers


# Walking the graph


@dataclass(frozen=True)
class Walk:
    """Where the answers lead: the answered steps in order, then the first open one."""

    path: tuple[str, ...]
    current: str | None  # the first unanswered step; None once the path reaches END
    answers: dict[str, Any]  # only the answers on the path

    @property
    def done(self) -> bool:
        return self.current is None

    def reachable(self, slug: str) -> bool:
        return slug in self.path or slug == self.current

    def previous(self, slug: str) -> str | None:
        """The step before `slug` on the path (for the Back link)."""
        steps = [*self.path, self.current] if self.current else list(self.path)
        index = steps.index(slug) if slug in steps else len(steps)
        return steps[index - 1] if index > 0 else None


def walk(answers: Mapping[str, Any], *, start: str) -> Walk:
    """Follow the answers from `start` until an unanswered step or the end.

    Answers off the path (left over after an earlier answer changed) are ignored, so
    they can never leak into the plan.
    """
    path: list[str] = []
    slug = start
    while slug != END:
        if slug not in answers or slug in path:  # `in path`: a guard; the graph has no cycles
            return Walk(tuple(path), slug, {s: answers[s] for s in path})
        path.append(slug)
        slug = STEPS[slug].next_for(answers[slug])
    return Walk(tuple(path), None, {s: answers[s] for s in path})


def next_step(slug: str, answers: Mapping[str, Any]) -> str:
    """Where the answer to `slug` leads: a step slug or END."""
    return STEPS[slug].next_for(answers[slug])


@dataclass(frozen=True)
class SectionState:
    slug: str
    label: Text
    state: str  # "done", "current", "todo" or "skipped"


def progress(walked: Walk, *, at: str, in_case: bool) -> list[SectionState]:
    """The step indicator: one entry per part of the check-up."""
    at_section = END if at == END else STEPS[at].section
    answered = {STEPS[slug].section for slug in walked.path}
    states = []
    for section in SECTIONS:
        if in_case and section.slug == "notice":
            continue
        if section.slug == at_section:
            state = "current"
        elif section.slug in answered:
            state = "done"  # also after the current part, when someone goes back to change

        elif walked.done and section.slug != END:
            state = "skipped"  # the answers made this part unnecessary
        else:
            state = "todo"
        states.append(SectionState(section.slug, section.label, state))
    return states


@dataclass(frozen=True)
class AnswerRow:
    slug: str
    question: Text
    answer: Text


def summary(walked: Walk) -> list[AnswerRow]:
    """Each answered question with its answer in words, for "change" links on the plan."""
    rows = []
    for slug in walked.path:
        step = STEPS[slug]
        value = walked.answers[slug]
        if step.is_details:
            answer: Text = _details_in_words(value)
        else:
            answer = step.label_for(value)
        rows.append(AnswerRow(slug, step.question, answer))
    return rows


def details_of(answers: Mapping[str, Any]) -> NoticeDetails:
    """The first screen's answer, typed (empty when skipped or not asked)."""
    return NoticeDetails.from_json(answers.get(DETAILS, {})) or NoticeDetails()


def _details_in_words(raw: Mapping[str, str]) -> Text:
    details = NoticeDetails.from_json(raw) or NoticeDetails()
    parts = []
    if not details.is_empty or details.notice_type != notice_types.FIRST_NOTICE:
        parts.append(details.notice_type)
    if details.notice_date:
        parts.append(questions.NOTICE_DATED % {"day": long_date(details.notice_date)})
    if details.pay_by:
        parts.append(questions.PAY_BY % {"day": long_date(details.pay_by)})
    if details.amount:
        parts.append(questions.AMOUNT_DUE % {"amount": dollars(details.amount)})
    return ", ".join(str(p) for p in parts) if parts else questions.SKIPPED


# Prefill inside a case


def case_prefill(*, penalty_amount: Decimal | None, paid_before_notice: Decimal) -> dict[str, str]:
    """Answers a case already suggests. They preselect an option; the person confirms."""
    prefill = {}
    if penalty_amount is not None:
        prefill["has-penalty"] = "yes" if penalty_amount > 0 else "no"
    if paid_before_notice > 0:
        prefill["already-paid"] = "part"
    return prefill
