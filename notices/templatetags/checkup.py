"""Template helpers for the check-up's action plan."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from notices.checkup import action_plan

register = template.Library()


@register.simple_tag
def tool_url(tool: action_plan.Tool) -> str:
    """The address of a plan step's tool: a URL name with kwargs, or an outside page."""
    if tool.href:
        return tool.href
    try:
        url = reverse(tool.url_name, kwargs=dict(tool.kwargs))
    except NoReverseMatch:
        # Only tools that name a fallback may be missing (a page another feature adds).
        if tool.fallback is None:
            raise
        return tool_url(tool.fallback)
    return f"{url}#{tool.fragment}" if tool.fragment else url


@register.simple_tag
def case_plan(case: Any) -> action_plan.Plan | None:
    """The action plan of a case, from its saved answers; None until they are finished."""
    return action_plan.build_plan(case.flow_answers, case=case, today=timezone.localdate())
