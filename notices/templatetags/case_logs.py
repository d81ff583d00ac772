"""The case page's lists: checklist items, calls and letters, payments, one entry at a time.

Written by Django's template engine, each entry cost as much as a fifth of a millisecond:
its addresses, dates, translations and CSRF field went through dozens of template nodes.
Here each entry is one format() call on markup whose words are looked up once per list.
The output is the HTML the templates wrote, byte for byte: every value is escaped as
{{ }} escapes it, dates are written in the page's time zone and language as |date writes
them, and the addresses come from one reverse() per kind of link.

{% checklist_groups checklist toggled %}, {% contact_items contacts %} and
{% payment_items payments %} stand for the loops in templates/notices/_case_body.html.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from html import escape
from itertools import groupby
from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from notices.irs.formatting import dollars
from notices.models import ChecklistItem, ContactEntry, PaymentEntry
from notices.templatetags.addresses import at, shapes

register = template.Library()

CHECK_ITEM = """
      <li class="check-item{done}">
        <form method="post" action="{toggle}" hx-post="{toggle}" hx-target="#checklist" hx-swap="outerHTML">
          {csrf}
          <button type="submit" class="check-toggle" aria-pressed="{pressed}"{focus}>
            <span class="check-box" aria-hidden="true">{tick}</span>
            <span>{text}</span>
            <span class="visually-hidden">{hint}</span>
          </button>
        </form>
      </li>
      """  # noqa: E501
CHECK_GROUP = """
    <h3>{kind}</h3>
    <ul class="checklist">
      {items}
    </ul>
  """
# A call's or a payment's Edit and Delete: {kind} is "contact" or "payment", filled in once.
ROW_ACTIONS = """      <div class="row-actions">
        <a class="button button-secondary" href="{edit}" hx-get="{edit}" hx-target="#{kind}-{id}" hx-swap="outerHTML">{edit_word}<span class="visually-hidden"> {day}</span></a>
        <form method="post" action="{delete}" hx-post="{delete}" hx-target="#{kind}s" hx-swap="outerHTML" hx-confirm="{confirm}">
          {csrf}<button type="submit" class="button-secondary">{delete_word}<span class="visually-hidden"> {day}</span></button>
        </form>
      </div>
"""  # noqa: E501


def _row_actions_markup(kind: str) -> str:
    return ROW_ACTIONS.replace("{kind}", kind)


CONTACT = (
    """
    <li id="contact-{id}" class="log-entry">
      <p><strong>{when}</strong> · {channel}</p>
      <dl class="entry-facts">
        {employee}
        {reference}
        {follow_up}
      </dl>
      <p>{summary}</p>
"""
    + _row_actions_markup("contact")
    + """    </li>
    """
)
PAYMENT = (
    """
    <li id="payment-{id}" class="log-entry">
      <p><strong>{amount}</strong> {on_day} · {method}</p>
      {confirmation}
"""
    + _row_actions_markup("payment")
    + """    </li>
    """
)


def _csrf(context: template.Context) -> str:
    return str(CsrfTokenNode().render(context))


def _day(value: date | datetime | None, written: str) -> str:
    """{{ value|date:_("…") }}: in the page's time zone, in `written`, a translated format."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return escape(date_format(value, written))


def _text(value: Any) -> str:
    return escape(str(value))


def _labels(choices: Any) -> dict[str, str]:
    """A choice field's labels by value, translated once: get_FOO_display() translates every
    choice on each call. Like it, a value that is not a choice shows as itself."""
    return {value: str(label) for value, label in choices.choices}


@register.simple_tag(takes_context=True)
def checklist_groups(
    context: template.Context, items: Iterable[ChecklistItem], toggled: Any = None
) -> SafeString:
    csrf, [toggle] = _csrf(context), shapes("notices:checklist_toggle")
    done_hint, open_hint = escape(_("(done, press to undo)")), escape(_("(press when done)"))
    kinds, groups = _labels(ChecklistItem.Kind), []
    for kind, members in groupby(items, key=lambda item: kinds.get(item.kind, item.kind)):
        rows = [
            CHECK_ITEM.format(
                done=" is-done" if item.done else "",
                toggle=at(toggle, item.public_id),
                csrf=csrf,
                pressed="true" if item.done else "false",
                focus=" data-autofocus" if item.public_id == toggled else "",
                tick="✓" if item.done else "",
                # {% translate item.text %}: the default items are in the catalogue.
                text=escape(_(item.text.replace("%", "%%")).replace("%%", "%")),
                hint=done_hint if item.done else open_hint,
            )
            for item in members
        ]
        groups.append(CHECK_GROUP.format(kind=_text(kind), items="".join(rows)))
    return mark_safe("\n  " + "".join(groups))  # noqa: S308 - every value above is escaped


def _row_actions(context: template.Context, confirm: str) -> dict[str, str]:
    """The words and CSRF field of a log entry's Edit and Delete, the same on every entry."""
    return {
        "csrf": _csrf(context),
        "edit_word": escape(_("Edit")),
        "delete_word": escape(_("Delete")),
        "confirm": escape(confirm),
    }


@register.simple_tag(takes_context=True)
def contact_items(context: template.Context, entries: Iterable[ContactEntry]) -> SafeString:
    edit, delete = shapes("notices:contact_edit", "notices:contact_delete")
    words = _row_actions(context, _("Delete this entry?"))
    employee, id_word = escape(_("IRS employee")), escape(_("ID"))
    reference, follow_up = escape(_("Reference number")), escape(_("Follow up on"))
    long_time, long_day, short_day = _("l, F j, Y, g:i a"), _("l, F j, Y"), _("F j, Y")
    channels, rows = _labels(ContactEntry.Channel), []
    for entry in entries:
        person = ""
        if entry.employee_name or entry.employee_id:
            number = f" ({id_word} {_text(entry.employee_id)})" if entry.employee_id else ""
            person = f"<div><dt>{employee}</dt><dd>{_text(entry.employee_name)}{number}</dd></div>"
        rows.append(
            CONTACT.format(
                id=entry.public_id,
                when=_day(entry.contacted_at, long_time),
                channel=_text(channels.get(entry.channel, entry.channel)),
                employee=person,
                reference=f"<div><dt>{reference}</dt><dd>{_text(entry.reference_number)}</dd></div>"
                if entry.reference_number
                else "",
                follow_up=f"<div><dt>{follow_up}</dt>"
                f"<dd>{_day(entry.follow_up_on, long_day)}</dd></div>"
                if entry.follow_up_on
                else "",
                summary=linebreaksbr(entry.summary, autoescape=True),
                edit=at(edit, entry.public_id),
                delete=at(delete, entry.public_id),
                day=_day(entry.contacted_at, short_day),
                **words,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.simple_tag(takes_context=True)
def payment_items(context: template.Context, entries: Iterable[PaymentEntry]) -> SafeString:
    edit, delete = shapes("notices:payment_edit", "notices:payment_delete")
    words = _row_actions(context, _("Delete this payment from your log?"))
    on_day, number = _("on %(day)s"), escape(_("Confirmation or check number"))
    long_day, short_day = _("l, F j, Y"), _("F j, Y")
    methods, rows = _labels(PaymentEntry.Method), []
    for entry in entries:
        confirmation = entry.confirmation_number
        rows.append(
            PAYMENT.format(
                id=entry.public_id,
                amount=escape(dollars(entry.amount)),
                on_day=on_day % {"day": _day(entry.paid_on, long_day)},
                method=_text(methods.get(entry.method, entry.method)),
                confirmation=f"<p>{number}: {_text(confirmation)}</p>" if confirmation else "",
                edit=at(edit, entry.public_id),
                delete=at(delete, entry.public_id),
                day=_day(entry.paid_on, short_day),
                **words,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
