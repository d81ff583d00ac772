"""Template helpers for the check-up's action plan."""

from __future__ import annotations

from django import template
from django.urls import reverse

from notices.checkup import action_plan

register = template.Library()


@register.simple_tag
def tool_url(tool: action_plan.Tool) -> str:
    """The address of a plan step's tool: a URL name with kwargs, or an outside page."""
    if tool.href:
        return tool.href
    url = reverse(tool.url_name, kwargs=dict(tool.kwargs))
    return f"{url}#{tool.fragment}" if tool.fragment else url
