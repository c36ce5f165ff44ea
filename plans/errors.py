"""Errors that plan services raise with a message for the person who acted."""

from django.core.exceptions import ValidationError


class PlanRefused(ValidationError):
    """The action is not possible in the plan's current state."""
