"""Filters of the request pages: role groups and pending steps named in the person's language."""

from django import template

from org.roles import ROLES

register = template.Library()


@register.filter
def role_label(group_name: str) -> str:
    """A role group's translated label (``Approver`` → "Aprovador"); other groups as named."""
    role = next((r for r in ROLES if r.group == group_name), None)
    return str(role.label) if role else group_name


@register.filter
def join_steps(steps) -> str:
    """"Step (Role)", "Other step" — the pending steps of a round, for a sentence."""
    names = [f"{step.name} ({role_label(step.group.name)})" if step.group_id else step.name
             for step in steps]
    return ", ".join(names)
