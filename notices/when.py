"""The line that says how long a person has: a badge and one sentence, per case.

Worked out once per case in Python, so a dashboard of fifty notices does not run fifty
copies of a template full of translation tags. The case page and the dashboard show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from notices.irs.deadlines import Rule
from notices.models import Case


@dataclass(frozen=True)
class When:
    badge: str
    badge_class: str  # badge-done, badge-soon, badge-overdue or ""
    sentence: str


def when(case: Case, due: date, rule: str, days_left: int) -> When:
    kind = case.rules.date_kind  # pay, hearing or respond
    return _when(get_language(), kind, case.is_resolved, rule, due, days_left)


# Writing a date and looking up the words took most of a dashboard row's time, and the line
# is the same for every case with the same kind of date, day, count and language: kept.
@lru_cache(maxsize=4096)
def _when(language: str, kind: str, resolved: bool, rule: str, due: date, days_left: int) -> When:
    """`language` is only part of the key: the words come from the active language."""
    if resolved:
        return When(_("Resolved"), "badge-done", "")
    if rule == Rule.NOT_ON_FILE:
        if kind == "respond":
            sentence = _(
                "No date on file yet. Send your response or call the IRS now, and add the "
                "date printed on your notice."
            )
        else:
            sentence = _(
                "No date on file yet. Pay or call the IRS now, and add the date printed on "
                "your notice."
            )
        return When(_("Act now"), "badge-soon", sentence)
    day = date_format(due, _("l, F j, Y"))
    if days_left < 0:
        return _overdue(kind, day, -days_left)
    if days_left == 0:
        return _today(kind, day)
    left = ngettext("%(days)s day left", "%(days)s days left", days_left) % {"days": days_left}
    sentences = {
        "hearing": _("Ask for a hearing by %(due)s."),
        "respond": _("Send your response by %(due)s."),
    }
    sentence = sentences.get(kind, _("Pay by %(due)s.")) % {"due": day}
    return When(left, "badge-soon" if days_left <= 7 else "", sentence)


def _overdue(kind: str, day: str, days: int) -> When:
    values = {"due": day, "days": days}
    if kind == "hearing":
        sentence = ngettext(
            "The last day to ask for a hearing was %(due)s: %(days)s day ago.",
            "The last day to ask for a hearing was %(due)s: %(days)s days ago.",
            days,
        )
        return When(_("Date passed"), "badge-overdue", sentence % values)
    if kind == "respond":
        sentence = ngettext(
            "The date to send your response was %(due)s: %(days)s day ago.",
            "The date to send your response was %(due)s: %(days)s days ago.",
            days,
        )
    else:
        sentence = ngettext(
            "The pay-by date was %(due)s: %(days)s day ago.",
            "The pay-by date was %(due)s: %(days)s days ago.",
            days,
        )
    return When(_("Overdue"), "badge-overdue", sentence % values)


def _today(kind: str, day: str) -> When:
    if kind == "hearing":
        return When(
            _("Last day today"),
            "badge-soon",
            _("Today, %(due)s, is the last day to ask for a hearing.") % {"due": day},
        )
    if kind == "respond":
        sentence = _("Send your response by today, %(due)s.")
    else:
        sentence = _("Pay by today, %(due)s.")
    return When(_("Due today"), "badge-soon", sentence % {"due": day})
