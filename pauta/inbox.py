"""Sections other lifecycles add to "My tasks" (the request list's ``mine`` tab).

A lifecycle app registers ``(template, builder)`` from its ``AppConfig.ready``; ``builder(user)``
returns the section's context, or None when the person has nothing there. The request list
renders each section with ``{% include section.template %}`` and ``section.data``.

The context's ``count`` is how many tasks the section stands for (its rows, and those a
"more" link leads to): the "My tasks" tab and the home page add it to the requests and
decisions they count, so the tab's number is the number of things listed.
"""

from collections.abc import Callable
from dataclasses import dataclass

_SECTIONS: list[tuple[str, Callable]] = []


@dataclass(frozen=True)
class Section:
    template: str
    data: dict

    @property
    def count(self) -> int:
        return int(self.data.get("count", 0))


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


def count(found: list[Section]) -> int:
    """How many tasks the sections hold together."""
    return sum(section.count for section in found)
