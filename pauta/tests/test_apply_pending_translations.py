"""scripts/apply_pending_translations.py fills the catalogues from locale/pending/*.json."""

import importlib.util
import json
import sys
from pathlib import Path

import polib
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "apply_pending_translations.py"
spec = importlib.util.spec_from_file_location("apply_pending_translations", SCRIPT)
apply = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = apply  # dataclasses look their module up there
spec.loader.exec_module(apply)

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Save"
msgstr ""

#, fuzzy
#| msgid "Old title"
msgid "Title"
msgstr "Título antigo"

msgid "Archive"
msgstr "Arquivar"

#, python-format
msgid "%(counter)s request"
msgid_plural "%(counter)s requests"
msgstr[0] ""
msgstr[1] ""

msgctxt "plan state"
msgid "Closed"
msgstr ""

msgid "Closed"
msgstr "Fechado"
"""


@pytest.fixture
def locale(tmp_path):
    for language in apply.LANGUAGES:
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(PO, encoding="utf-8")
    (tmp_path / "pending").mkdir()
    return tmp_path


def pending(locale, name, items):
    path = locale / "pending" / name
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def entry(locale, language, msgid, msgctxt=None):
    po = polib.pofile(str(locale / language / "LC_MESSAGES" / "django.po"))
    return next(e for e in po if e.msgid == msgid and e.msgctxt == msgctxt)


def both(pt_br, pt_pt=None):
    return {"pt_BR": pt_br, "pt_PT": pt_pt or pt_br}


def test_fills_empty_fuzzy_plural_and_context_entries_then_removes_the_file(locale):
    path = pending(locale, "branch.json", [
        {"msgid": "Save", **both("Salvar", "Guardar")},
        {"msgid": "Title", **both("Título")},
        {"msgid": "%(counter)s request", "msgid_plural": "%(counter)s requests",
         **both(["%(counter)s solicitação", "%(counter)s solicitações"],
                ["%(counter)s pedido", "%(counter)s pedidos"])},
        {"msgctxt": "plan state", "msgid": "Closed", **both("Encerrado")},
    ])
    report = apply.run(locale, locale / "pending")
    assert report.problems == [] and report.removed == ["branch.json"]
    assert not path.exists()
    assert entry(locale, "pt_PT", "Save").msgstr == "Guardar"
    title = entry(locale, "pt_BR", "Title")
    assert title.msgstr == "Título" and "fuzzy" not in title.flags and not title.previous_msgid
    assert entry(locale, "pt_PT", "%(counter)s request").msgstr_plural == {
        0: "%(counter)s pedido", 1: "%(counter)s pedidos"}
    assert entry(locale, "pt_BR", "Closed", "plan state").msgstr == "Encerrado"
    assert entry(locale, "pt_BR", "Closed").msgstr == "Fechado"  # the one without context
    assert entry(locale, "pt_BR", "Archive").msgstr == "Arquivar"  # nothing else touched


def test_identical_is_fine_and_a_different_translation_wins_and_is_reported(locale):
    pending(locale, "a.json", [{"msgid": "Archive", **both("Arquivar")}])
    pending(locale, "b.json", [{"msgid": "Closed", **both("Encerrado")}])
    report = apply.run(locale, locale / "pending")
    assert report.unchanged == 2 and report.removed == ["a.json", "b.json"]
    assert len(report.replaced) == 2 and "Fechado" in report.replaced[0]
    assert entry(locale, "pt_BR", "Closed").msgstr == "Encerrado"


def test_unknown_msgid_is_reported_and_the_file_is_kept_but_the_rest_applied(locale):
    path = pending(locale, "early.json", [{"msgid": "Save", **both("Salvar")},
                                          {"msgid": "Not merged yet", **both("Ainda não")}])
    report = apply.run(locale, locale / "pending")
    assert report.kept == ["early.json"] and path.exists()
    assert any("Not merged yet" in p and "not in the catalogue" in p for p in report.problems)
    assert entry(locale, "pt_BR", "Save").msgstr == "Salvar"
    assert apply.main(["--locale-dir", str(locale), "--strict"]) == 1


@pytest.mark.parametrize("item", [
    {"msgid": "%(counter)s request", "msgid_plural": "%(counter)s requests",
     **both(["%(counter)s solicitação", "%(n)s solicitações"])},  # wrong placeholder
    {"msgid": "%(counter)s request", "msgid_plural": "%(counter)s requests",
     **both("%(counter)s solicitação")},  # a plural needs two forms
    {"msgid": "Save", "pt_BR": "Salvar"},  # pt_PT missing
    {"msgid": "Save", "msgid_plural": "Saves", **both(["Salvar", "Salvos"])},  # not a plural
])
def test_invalid_entries_are_refused_and_nothing_is_written(locale, item):
    path = pending(locale, "bad.json", [item])
    report = apply.run(locale, locale / "pending")
    assert report.problems and path.exists()
    assert entry(locale, "pt_BR", "Save").msgstr == ""
    assert entry(locale, "pt_BR", "%(counter)s request").msgstr_plural[0] == ""


def test_not_json_is_reported(locale):
    (locale / "pending" / "broken.json").write_text("[{", encoding="utf-8")
    report = apply.run(locale, locale / "pending")
    assert report.kept == ["broken.json"] and "not valid JSON" in report.problems[0]


def test_no_pending_directory_is_a_no_op(tmp_path):
    report = apply.run(tmp_path, tmp_path / "pending")
    assert report.filled == 0 and report.problems == []
