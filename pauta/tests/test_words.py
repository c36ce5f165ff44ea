"""Words: pt-BR never says what only pt-PT says, and the other way round (docs/i18n.md).

A Brazilian public servant asks for a *solicitação*; a Portuguese one makes a *pedido*. The
glossary below holds words that belong to one of the two only. The catalogues are read as they
will be once ``locale/pending/*.json`` is applied (``make messages``), and every page each role
may open (``tests/page_list.py``) is rendered in pt-BR and read as a person would read it.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.page_list import page_url, pages_of
from tests.permission_world import SUBJECTS, build_world
from tests.test_permission_matrix import ROLES

LOCALE = Path(settings.BASE_DIR) / "locale"
# Words only European Portuguese uses (the Brazilian word in the comment).
PT_PT_ONLY = [
    r"pedidos?",  # solicitação
    r"equipas?",  # equipe
    r"ficheiros?",  # arquivo
    r"utilizador(?:es|as?)?",  # usuário
    r"regist(?:ar|ad[oa]s?|os?)",  # registrar, registrado, registro
    r"contact(?:os?|ar)",  # contato, contatar
    r"ecrãs?",  # tela
    r"palavras?-passe",  # senha
    r"telemóve(?:l|is)",  # celular
    r"requerentes?",  # solicitante
    r"percentagens?",  # percentual
    r"rondas?",  # rodada
    r"factos?",  # fato
]
# Words only Brazilian Portuguese uses (the European word in the comment).
PT_BR_ONLY = [
    r"solicitaç(?:ão|ões)",  # pedido
    r"equipes?",  # equipa
    r"usuári[oa]s?",  # utilizador
    r"registr(?:ar|ad[oa]s?|os?)",  # registar, registado, registo
    r"contat(?:os?|ar)",  # contacto, contactar
    r"celular(?:es)?",  # telemóvel
]
OTHER_WORDS = {"pt_BR": PT_PT_ONLY, "pt_PT": PT_BR_ONLY}


def glossary(words) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


def effective_catalogue(language: str) -> dict[tuple[str | None, str], list[str]]:
    """(msgctxt, msgid) -> the translations, the pending JSON files applied over the .po."""
    texts = {}
    for entry in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")):
        if not entry.obsolete:
            texts[entry.msgctxt, entry.msgid] = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr])
    for path in sorted((LOCALE / "pending").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            value = item[language]
            key = item.get("msgctxt"), item["msgid"]
            texts[key] = value if isinstance(value, list) else [value]
    return texts


def test_glossary_finds_the_words_it_lists():
    assert glossary(PT_PT_ONLY).findall("O pedido da equipa foi registado.") == [
        "pedido", "equipa", "registado"]
    assert not glossary(PT_PT_ONLY).search("A solicitação da equipe foi registrada.")
    assert glossary(PT_BR_ONLY).findall("A solicitação da equipe foi registrada.") == [
        "solicitação", "equipe", "registrada"]


@pytest.mark.parametrize("language", ["pt_BR", "pt_PT"])
def test_catalogue_speaks_one_portuguese(language):
    pattern = glossary(OTHER_WORDS[language])
    mixed = [f"{msgid!r} -> {text!r} ({', '.join(pattern.findall(text))})"
             for (_ctx, msgid), texts in effective_catalogue(language).items()
             for text in texts if pattern.search(text)]
    assert not mixed, f"{language} uses the other Portuguese's words:\n" + "\n".join(mixed)


class _VisibleText(HTMLParser):
    """The text a person reads: no scripts or styles; alt, title, aria-label and placeholder
    texts included."""

    HIDDEN = {"script", "style", "template"}
    SPOKEN = ("alt", "title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# Django's empty choice of a select, which reads as a placeholder nobody filled in.
BLANK_DASH = "---------"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The permission matrix's objects, in a transaction rolled back at the end."""
    from org.models import User
    from pauta.demo import seed_demo

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("words-media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        if not User.objects.filter(username="ana.saude").exists():  # a live server flushed it
            seed_demo(out=lambda line: None, history=False)
        people = {u.username: u for u in User.objects.all()}
        yield build_world(people), people
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_pages_in_pt_br_use_no_pt_pt_word(role, world):
    world, people = world
    client = Client(headers={"accept-language": "pt-BR"})
    username = SUBJECTS[role]
    if username:
        person = people[username]
        person.language = "pt-br"
        person.save(update_fields=["language"])
        client.force_login(person)
    pattern, mixed = glossary(PT_PT_ONLY), []
    for name in pages_of(role):
        url = page_url(name, world, role)
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        text = visible_text(response.content.decode())
        for match in pattern.finditer(text):
            mixed.append(f"{url}: “…{text[max(0, match.start() - 40):match.end() + 40]}…”")
        if BLANK_DASH in text:  # Django's empty choice: a select says "Selecione…" instead
            mixed.append(f"{url}: a select's empty choice is Django's “{BLANK_DASH}”")
    assert not mixed, f"pt-BR pages of the {role} use pt-PT words:\n" + "\n".join(mixed)
