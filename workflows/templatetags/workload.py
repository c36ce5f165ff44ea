"""Filters of the team's workload page."""

from django import template

from workflows.workload import hours_text

register = template.Library()


@register.filter
def hours(value) -> str:
    """Hours as people read them ("24", "29,6")."""
    return hours_text(value)


@register.filter
def has_pieces(weeks) -> bool:
    return any(week.pieces for week in weeks)
