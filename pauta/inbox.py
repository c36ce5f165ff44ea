"""Sections other lifecycles add to "My tasks" (the request list's ``mine`` tab).

A lifecycle app registers ``(template, builder)`` from its ``AppConfig.ready``; ``builder(user)``
returns the section's context, or None when the person has nothing there. The request list
renders each section with ``{% include section.template %}`` and ``section.data``.
"""

from collections.abc import Callable
from dataclasses import dataclass

_SECTIONS: list[tuple[str, Callable]] = []


@dataclass(frozen=True)
class Section:
    template: str
    data: dict


def register(template: str, builder: Callable) -> None:
    """Add a section to "My tasks" (idempotent)."""
    if (template, builder) not in _SECTIONS:
        _SECTIONS.append((template, builder))


def sections(user) -> list[Section]:
    """The sections with something for ``user``, in registration order."""
    found = []
    for template, builder in _SECTIONS:
        data = builder(user)
        if data:
            found.append(Section(template, data))
    return found
