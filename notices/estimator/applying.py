"""How the payment plan in an estimate is applied for: online, or by phone, mail or in person.

The way to apply sets the plan's setup fee. A person who leaves the question alone gets the
way their amount allows: online up to the online limit, otherwise by phone, mail or in person
(docs/sources.md, "Installment agreement"). A person who asks for online above the limit is
not refused: the plan is priced the only way open to them, and the page says why. So a valid
amount never ends in an error about this question.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from notices.irs import rates
from notices.irs.formatting import whole_dollars

# The form's choices. PICK_FOR_ME is the default, and what a missing answer means.
PICK_FOR_ME, ONLINE, OFFLINE = "auto", "yes", "no"


@dataclass(frozen=True)
class Applying:
    """The way the plan is priced (a penalties.HOW_TO_APPLY value) and why, in plain words."""

    how: str
    note: str


def can_apply_online(amount_due: Decimal) -> bool:
    return amount_due <= rates.ONLINE_PLAN_BALANCE_LIMIT


def how_to_apply(choice: str, amount_due: Decimal) -> Applying:
    """The way to price the plan for the person's `choice` and the amount they owe."""
    limit = whole_dollars(rates.ONLINE_PLAN_BALANCE_LIMIT)
    online = can_apply_online(amount_due)
    if choice == OFFLINE:
        return Applying(
            "phone",
            _(
                "We priced the plan as applying by phone, mail or in person, as you chose. "
                "The setup fee is higher than online."
            ),
        )
    if online:
        return Applying(
            "online",
            _(
                "We priced the plan as applying online, because you owe %(limit)s or less. "
                "Online has the lowest setup fee."
            )
            % {"limit": limit},
        )
    if choice == ONLINE:
        note = _(
            "You can apply online only if you owe %(limit)s or less. So we priced the plan "
            "as applying by phone, mail or in person."
        )
    else:
        note = _(
            "You owe more than %(limit)s, so you can't apply online. We priced the plan as "
            "applying by phone, mail or in person."
        )
    form_note = _("The IRS will usually also ask for Form 433-F, a list of your income and costs.")
    return Applying("phone", f"{note % {'limit': limit}} {form_note}")
