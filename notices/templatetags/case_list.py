"""{% case_rows summaries %}: the dashboard's notices, one row per case.

A row written by Django's template engine cost about a tenth of a millisecond, so fifty
notices made the dashboard slow. Here the row's markup, with its labels in the page's
language, is put together once per page; each row then only fills in its own values, every
one of them escaped. The case's address is worked out once too (templatetags/addresses.py).
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from notices.irs.formatting import dollars
from notices.models import Case
from notices.summary import CaseSummary
from notices.templatetags.addresses import at, shapes

register = template.Library()

ROW = """<li class="case-card{state}">
  <h2><a href="{url}">{title}</a></h2>
  <p class="case-when"><span class="badge{badge_class}">{badge}</span>{sentence}</p>
  <dl class="case-facts">
    <div><dt>{notice_label}</dt><dd>{notice}</dd></div>
    <div><dt>{amount_label}</dt><dd>{amount}</dd></div>
    <div><dt>{left_label}</dt><dd>{left}</dd></div>
    <div><dt>{status_label}</dt><dd>{status}</dd></div>
  </dl>
</li>
"""


@register.simple_tag
def case_rows(summaries: list[CaseSummary]) -> SafeString:
    # The page's words are looked up once, not once a row.
    labels = {
        "notice_label": _("Notice"),
        "left_label": _("Left to pay"),
        "status_label": _("Status"),
    }
    page = ROW.format_map(_Keep({name: _braces(escape(text)) for name, text in labels.items()}))
    bill, proposal = escape(_("Amount due")), escape(_("Proposed amount"))
    year = _("tax year %(year)s")
    statuses = {value: escape(str(label)) for value, label in Case.Status.choices}
    [address] = shapes("notices:case_detail")
    rows = []
    for row in summaries:
        case, when = row.case, row.when
        rows.append(
            page.format(
                state=(" is-overdue" if row.overdue else "")
                + (" is-resolved" if case.is_resolved else ""),
                url=at(address, case.public_id),
                title=escape(case.title),
                badge_class=f" {escape(when.badge_class)}" if when.badge_class else "",
                badge=escape(when.badge),
                sentence=f" {escape(when.sentence)}" if when.sentence else "",
                notice=escape(f"{case.notice_type}, {year % {'year': case.tax_year}}"),
                amount_label=bill if case.rules.is_bill else proposal,
                amount=escape(dollars(case.amount_due)),
                left=escape(dollars(row.balance)),
                status=statuses[case.status],
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


def _braces(text: str) -> str:
    """A label as format() text: its own braces, if a translation ever had any, kept."""
    return text.replace("{", "{{").replace("}", "}}")


class _Keep(dict[str, str]):
    """format_map() that leaves the row's own fields ({title}…) for each row to fill in."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
