"""Errors that plan services raise: the kernel's one refusal type (``pauta.lifecycle``)."""

from pauta.lifecycle import TransitionRefused

PlanRefused = TransitionRefused

__all__ = ["PlanRefused"]
