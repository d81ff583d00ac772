"""{% case_rows summaries %}: the dashboard's notices, one row per case.

A row written by Django's template engine cost about a tenth of a millisecond, so fifty
notices made the dashboard slow. Here each row is one format_html() call with values
worked out once in notices/summary.py; format_html escapes every value it is given.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from notices.irs.formatting import dollars
from notices.summary import CaseSummary

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
    # Each label is looked up once, not once a row.
    labels = {
        "notice_label": _("Notice"),
        "left_label": _("Left to pay"),
        "status_label": _("Status"),
    }
    bill, proposal = _("Amount due"), _("Proposed amount")
    return format_html_join("", ROW, (_row(row, labels, bill, proposal) for row in summaries))


def _row(row: CaseSummary, labels: dict[str, str], bill: str, proposal: str) -> dict[str, object]:
    case, when = row.case, row.when
    state = (" is-overdue" if row.overdue else "") + (" is-resolved" if case.is_resolved else "")
    return {
        **labels,
        "state": state,
        "url": row.url,
        "title": case.title,
        "badge_class": f" {when.badge_class}" if when.badge_class else "",
        "badge": when.badge,
        "sentence": f" {when.sentence}" if when.sentence else "",
        "notice": row.notice_line,
        "amount_label": bill if row.is_bill else proposal,
        "amount": dollars(case.amount_due),
        "left": dollars(row.balance),
        "status": row.status_label,
    }
