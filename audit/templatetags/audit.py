"""``{% load audit %}{% describe event %}``: one audit event as a translated sentence."""

from django import template

from audit import registry

register = template.Library()


@register.simple_tag
def describe(event) -> str:
    """The sentence of ``event`` in the active language (autoescaped by the template)."""
    return registry.describe(event)


@register.simple_tag
def verb_label(event) -> str:
    """The name of the event's verb in the active language (never its code)."""
    verb = registry.get(event.verb)
    return str(verb.label) if verb else str(registry.UNKNOWN_VERB)
