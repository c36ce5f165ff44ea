"""Errors that services raise with a message for the person who acted."""

from django.core.exceptions import ValidationError


class TransitionRefused(ValidationError):
    """The action is not possible in the request's current state or conditions."""
