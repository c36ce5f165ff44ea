"""``{% load audit %}{% describe event %}``: one audit event as a translated sentence."""

from django import template

from audit import registry

register = template.Library()


@register.simple_tag
def describe(event) -> str:
    """The sentence of ``event`` in the active language (autoescaped by the template)."""
    return registry.describe(event)
