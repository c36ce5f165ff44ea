"""Errors that services raise with a message for the person who acted: the kernel's one type."""

from pauta.lifecycle import NotAllowed, TransitionRefused

__all__ = ["NotAllowed", "TransitionRefused"]
