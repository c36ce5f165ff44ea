"""Word-level differences between two versions of a text (Python's difflib).

A change is a list of segments ``(op, text)``, ``op`` one of ``equal``, ``insert``,
``delete``; templates render them as ``<ins>``/``<del>`` with words a screen reader says.
"""

import difflib
import re

# A word with the spaces after it: a changed word and its space read as one change.
TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+", re.UNICODE)


def words(text: str) -> list[str]:
    return TOKENS.findall(text or "")


def segments(old: str, new: str) -> list[tuple[str, str]]:
    """The word-level change from ``old`` to ``new``, adjacent same-kind pieces merged."""
    a, b = words(old), words(new)
    out: list[tuple[str, str]] = []

    def add(op, text):
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return out


def changed(parts: list[tuple[str, str]]) -> bool:
    return any(op != "equal" for op, _text in parts)


def file_names(files: list[dict]) -> str:
    return "\n".join(f"{f.get('name', '')} ({(f.get('sha256') or '')[:12]})" for f in files)


def content_changes(old: dict | None, new: dict | None) -> list[dict]:
    """Per field of one channel, the segments of what changed (unchanged fields left out)."""
    old, new = old or {}, new or {}
    rows = []
    for key in ("title", "body", "excerpt", "attachments"):
        if key == "attachments":
            before, after = file_names(old.get(key) or []), file_names(new.get(key) or [])
        else:
            before, after = old.get(key) or "", new.get(key) or ""
        parts = segments(before, after)
        if changed(parts):
            rows.append({"field": key, "segments": parts})
    return rows
