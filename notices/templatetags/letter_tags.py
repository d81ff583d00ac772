"""Template filters for letters: the follow-up date shown in the case page's letter list."""

from __future__ import annotations

from datetime import date

from django import template

from notices.letters import follow_up
from notices.models import Letter

register = template.Library()


@register.filter
def letter_follow_up(letter: Letter) -> date | None:
    """When to check on a mailed letter (follow_up.follow_up_on); None if not mailed."""
    return follow_up.follow_up_on(letter)
