"""Questions the calendar's templates ask (answered by the permission modules)."""

from django import template

from org import permissions as org_perms

register = template.Library()


@register.filter
def may_record_absences(user) -> bool:
    """The calendar's "Absences" tab: whoever manages the team, and editors (their own)."""
    return org_perms.can_use_absences(user)
