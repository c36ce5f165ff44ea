"""The pt-BR and pt-PT catalogues are complete, valid and compiled (docs/i18n.md).

The msgids are extracted from a copy of the source with Django's makemessages, as
`make messages` does, so a string added to the code or a template without reaching the
catalogues fails here. Every entry must be translated and not fuzzy, pass `msgfmt --check`,
and the committed .mo must hold exactly the .po's translations.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
LANGUAGES = ["pt_BR", "pt_PT"]
DOMAINS = ["django", "djangojs"]
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".js"}
# Never part of the extraction, whatever the Makefile says. (Uploaded files live in var/media,
# which the Makefile ignores; "media" is the media bank app, extracted like any other.)
ALWAYS_SKIPPED = {".git", ".venv", "__pycache__", "locale", "test-results"}
FIX = ("run `make messages` and translate the new entries in locale/*/LC_MESSAGES/django.po, "
       "or (on a branch that must not touch locale/) put them in locale/pending/<branch>.json")


def makefile_ignores() -> list[str]:
    """The ignore patterns of `make messages`, so the test extracts what the target extracts."""
    match = re.search(r"^MESSAGES_IGNORE\s*:=\s*(.+)$", (ROOT / "Makefile").read_text(), re.M)
    assert match, "the Makefile must define MESSAGES_IGNORE for `make messages`"
    return match.group(1).split()


def key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def copy_sources(target: Path, ignores: list[str]) -> None:
    """Copy the translatable files (not .venv, data, or anything `make messages` ignores)."""
    skipped_paths = {pattern for pattern in ignores if "/" in pattern}
    skipped_names = ALWAYS_SKIPPED | {pattern for pattern in ignores if "/" not in pattern}
    for dirpath, dirnames, filenames in os.walk(ROOT):
        relative = Path(dirpath).relative_to(ROOT)
        dirnames[:] = [d for d in dirnames if d not in skipped_names
                       and (relative / d).as_posix() not in skipped_paths]
        for name in filenames:
            if Path(name).suffix in SOURCE_SUFFIXES:
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(dirpath) / name, target / relative / name)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, set[tuple[str, str, str]]]:
    """The msgids of each domain, extracted by makemessages from a copy of the source."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext, msgmerge, msgfmt) is required: apt install gettext")
    copy = tmp_path_factory.mktemp("extract")
    ignores = makefile_ignores()
    copy_sources(copy, ignores)
    (copy / "locale").mkdir()
    keys: dict[str, set[tuple[str, str, str]]] = {}
    for domain in DOMAINS:
        command = [sys.executable, "manage.py", "makemessages", "-d", domain, "-l", "pt_BR",
                   "--keep-pot", "--no-location", "--no-wrap", "-v", "0"]
        command += [arg for pattern in ignores for arg in ("-i", pattern)]
        done = subprocess.run(command, cwd=copy, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "DATA_DIR": str(copy / "var")})
        assert done.returncode == 0, done.stderr
        pot = copy / "locale" / f"{domain}.pot"
        entries = polib.pofile(str(pot)) if pot.exists() else []
        keys[domain] = {key(e) for e in entries if e.msgid}
    return keys


def catalogue(language: str, domain: str) -> polib.POFile | None:
    path = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def pending_msgids() -> set[str]:
    """The msgids that pending files translate (to explain a failure, not to excuse it)."""
    found = set()
    for path in sorted((LOCALE / "pending").glob("*.json")):
        found |= {item.get("msgid") for item in json.loads(path.read_text(encoding="utf-8"))
                  if isinstance(item, dict)}
    return found


def test_extraction_finds_the_strings_of_code_and_templates(extracted):
    """Guards the guard: an extraction that found nothing would make the next test pass."""
    msgids = {msgid for _ctx, msgid, _plural in extracted["django"]}
    assert "Request #%(id)s “%(title)s” was rejected." in msgids  # workflows/notifications.py
    assert "Skip to main content" in msgids  # pauta/templates/base.html
    assert ("", "%(counter)s request", "%(counter)s requests") in extracted["django"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_msgid_of_the_code_is_in_the_catalogue(extracted, language, domain):
    po = catalogue(language, domain)
    present = {key(e) for e in po if not e.obsolete} if po else set()
    missing = sorted(extracted[domain] - present)
    if missing:
        pending = pending_msgids()
        lines = [f"  {msgid!r}" + ("  (in a pending file)" if msgid in pending else "")
                 for _ctx, msgid, _plural in missing[:20]]
        pytest.fail(f"{len(missing)} msgid(s) of the code are not in {language}/{domain}.po; "
                    f"{FIX}:\n" + "\n".join(lines))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_and_valid(language, domain):
    po = catalogue(language, domain)
    if po is None:
        pytest.skip(f"no {domain} catalogue (no strings of that domain)")
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {language}/{domain}.po: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy (needs review) in {language}/{domain}.po: {fuzzy[:10]}"
    assert re.fullmatch(r"nplurals=2; plural=\(n [>!]=? ?1\);", po.metadata["Plural-Forms"])
    checked = subprocess.run(["msgfmt", "--check", "-o", os.devnull, po.fpath],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def compiled_messages(entries) -> dict:
    messages = {}
    for e in entries:
        if e.msgid:
            value = tuple(v for _k, v in sorted(e.msgstr_plural.items())) if e.msgid_plural \
                else e.msgstr
            messages[key(e)] = value
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_po(language, domain):
    po = catalogue(language, domain)
    if po is None:
        pytest.skip(f"no {domain} catalogue (no strings of that domain)")
    mo_path = Path(po.fpath).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make messages"
    expected = compiled_messages(po.translated_entries())
    compiled = compiled_messages(polib.mofile(str(mo_path)))
    stale = sorted(k[1] for k in expected.keys() | compiled.keys()
                   if expected.get(k) != compiled.get(k))
    assert not stale, f"{mo_path} is stale ({len(stale)} messages differ, e.g. {stale[:5]}): " \
                      "run make messages"


# (page, text expected for a pt-BR person, for a pt-PT person, English text that must be gone)
PAGES = [
    ("/", "O que precisa de você agora.", "O que precisa de si agora.", "What needs you now."),
    ("/requests/", "Fila da equipe", "Fila da equipa", "Team queue"),
    ("/plans/", "Planos por ano", "Planos por ano", "Plans by year"),
    ("/calendar/", "Calendário editorial", "Calendário editorial", "Editorial calendar"),
    ("/notifications/", "Marcar todas como lidas", "Marcar todas como lidas", "Mark all as read"),
]


@pytest.mark.parametrize(("url", "pt_br", "pt_pt", "english"), PAGES)
def test_pages_render_in_the_language_of_the_person(client, demo, url, pt_br, pt_pt, english):
    client.force_login(demo["diego.editor"])  # no preference: the default, pt-BR
    html = client.get(url).content.decode()
    assert '<html lang="pt-br">' in html
    assert pt_br in html and english not in html
    assert "Sair" in html and "Sign out" not in html
    client.force_login(demo["joana.lisboa"])  # pt-PT
    html = client.get(url).content.decode()
    assert '<html lang="pt-pt">' in html
    assert pt_pt in html and english not in html
    assert "Terminar sessão" in html
