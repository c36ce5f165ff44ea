#!/usr/bin/env python3
"""Apply the translations that branches deliver in ``locale/pending/*.json`` to the catalogues.

Each pending file is a JSON list of entries::

    {"msgid": "Check compliance", "pt_BR": "Verificar conformidade", "pt_PT": "..."}
    {"msgid": "%(n)s finding", "msgid_plural": "%(n)s findings",
     "pt_BR": ["%(n)s achado", "%(n)s achados"], "pt_PT": [...]}
    {"msgctxt": "menu", "msgid": "...", "pt_BR": "...", "pt_PT": "..."}

Every entry is looked up by (msgctxt, msgid) in ``locale/<lang>/LC_MESSAGES/django.po`` (then
``djangojs.po``); its translation fills the entry and clears the fuzzy flag. An entry already
translated the same way is left alone; one translated differently takes the pending text and is
reported. Nothing else in the catalogues is changed or deleted. A pending file is removed only
when every one of its entries was found and valid; otherwise it stays, and the problems are
listed (exit status 1 with ``--strict``). Run by ``make messages`` after ``makemessages`` (so
the msgids of merged code are in the catalogues) and before ``compilemessages``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("pt_BR", "pt_PT")
DOMAINS = ("django", "djangojs")
# printf-style (named or positional) and str.format placeholders; "%%" is a literal percent.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[^{}]*\}")


@dataclass
class Report:
    """What one run did, for the summary and the exit status."""

    filled: int = 0
    unchanged: int = 0
    replaced: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def placeholders(text: str) -> list[str]:
    """The sorted placeholders of a message, ignoring literal ``%%``."""
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def load_catalogues(locale_dir: Path) -> dict[str, list[tuple[Path, polib.POFile]]]:
    """The existing catalogues of every language, django domain first."""
    catalogues: dict[str, list[tuple[Path, polib.POFile]]] = {}
    for language in LANGUAGES:
        catalogues[language] = []
        for domain in DOMAINS:
            path = locale_dir / language / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                catalogues[language].append((path, polib.pofile(str(path), wrapwidth=0)))
    return catalogues


def index(catalogues: list[tuple[Path, polib.POFile]]) -> dict[tuple[str, str], polib.POEntry]:
    """The live entries of one language by (msgctxt, msgid); the django domain wins."""
    entries: dict[tuple[str, str], polib.POEntry] = {}
    for _path, po in reversed(catalogues):
        for entry in po:
            if not entry.obsolete:
                entries[(entry.msgctxt or "", entry.msgid)] = entry
    return entries


def check_entry(item: object) -> str | None:
    """Why a pending item is malformed, or None."""
    if not isinstance(item, dict) or not isinstance(item.get("msgid"), str) or not item["msgid"]:
        return "each entry must be an object with a non-empty \"msgid\""
    plural = "msgid_plural" in item
    for language in LANGUAGES:
        value = item.get(language)
        if plural and not (isinstance(value, list) and len(value) == 2
                           and all(isinstance(v, str) and v for v in value)):
            return f"{language} must be a list of two non-empty strings (singular, plural)"
        if not plural and not (isinstance(value, str) and value):
            return f"{language} must be a non-empty string"
    return None


def apply_entry(item: dict, language: str, entry: polib.POEntry, report: Report, where: str):
    """Fill one catalogue entry from a pending item (already validated)."""
    label = f"{where} [{language}] {item['msgid']!r}"
    if (item.get("msgid_plural") or "") != (entry.msgid_plural or ""):
        report.problems.append(f"{label}: msgid_plural {item.get('msgid_plural')!r} does not "
                               f"match the catalogue's {entry.msgid_plural!r}")
        return False
    value = item[language]
    sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
    values = value if entry.msgid_plural else [value]
    for index, text in enumerate(values):
        if placeholders(text) != placeholders(sources[min(index, len(sources) - 1)]):
            report.problems.append(f"{label}: placeholders of {text!r} do not match the msgid")
            return False
    current = ([entry.msgstr_plural.get(0, ""), entry.msgstr_plural.get(1, "")]
               if entry.msgid_plural else [entry.msgstr])
    fuzzy = "fuzzy" in entry.flags
    if current == values and not fuzzy:
        report.unchanged += 1
        return True
    if any(current) and not fuzzy and current != values:
        report.replaced.append(f"{label}: {current} -> {values}")
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(values))
    else:
        entry.msgstr = values[0]
    if fuzzy:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    report.filled += 1
    return True


def apply_file(path: Path, catalogues, report: Report) -> bool:
    """Apply one pending file; True when every entry was applied."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        report.problems.append(f"{path.name}: not valid JSON ({error})")
        return False
    if not isinstance(items, list):
        report.problems.append(f"{path.name}: must hold a JSON list")
        return False
    complete = True
    indexes = {language: index(catalogues[language]) for language in LANGUAGES}
    for number, item in enumerate(items, start=1):
        where = f"{path.name} #{number}"
        problem = check_entry(item)
        if problem:
            report.problems.append(f"{where}: {problem}")
            complete = False
            continue
        for language in LANGUAGES:
            entry = indexes[language].get((item.get("msgctxt") or "", item["msgid"]))
            if entry is None:
                report.problems.append(f"{where} [{language}] {item['msgid']!r}: not in the "
                                       "catalogue (is the code merged? did the msgid change?)")
                complete = False
            elif not apply_entry(item, language, entry, report, where):
                complete = False
    return complete


def run(locale_dir: Path, pending_dir: Path, keep: bool = False) -> Report:
    """Apply every pending file, save the catalogues, remove the fully applied files."""
    report = Report()
    files = sorted(pending_dir.glob("*.json")) if pending_dir.is_dir() else []
    if not files:
        return report
    catalogues = load_catalogues(locale_dir)
    for language in LANGUAGES:
        if not catalogues[language]:
            report.problems.append(f"no catalogue for {language} in {locale_dir}")
    if report.problems:
        return report
    done = [path for path in files if apply_file(path, catalogues, report)]
    for entries in catalogues.values():
        for po_path, po in entries:
            po.save(str(po_path))
    for path in files:
        if path in done and not keep:
            path.unlink()
            report.removed.append(path.name)
        elif path not in done:
            report.kept.append(path.name)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--pending-dir", type=Path, default=None,
                        help="default: <locale-dir>/pending")
    parser.add_argument("--keep", action="store_true", help="do not remove applied files")
    parser.add_argument("--strict", action="store_true", help="exit 1 when anything is left")
    args = parser.parse_args(argv)
    report = run(args.locale_dir, args.pending_dir or args.locale_dir / "pending", args.keep)
    for line in report.replaced:
        print(f"replaced (the pending translation wins): {line}")
    for line in report.problems:
        print(f"NOT APPLIED: {line}", file=sys.stderr)
    print(f"pending translations: {report.filled} filled, {report.unchanged} already identical, "
          f"{len(report.replaced)} replaced, {len(report.problems)} problem(s); "
          f"removed: {', '.join(report.removed) or '-'}; kept: {', '.join(report.kept) or '-'}")
    return 1 if args.strict and report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
