"""The contact import: all rows or none, every rejected cell named by row and column,
dedupe by e-mail, XLSX and CSV, malformed files refused."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from press import contacts
from press.imports import contacts_import
from press.models import Journalist, Outlet

pytestmark = pytest.mark.django_db
HEADER = ["Nome", "E-mail", "Veículo", "Tipo do veículo", "Abrangência", "Editorias",
          "Base legal", "Origem"]


def csv_bytes(rows, sep=";") -> bytes:
    return "\n".join(sep.join(row) for row in [HEADER, *rows]).encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [["Lia Souza", "lia@folha.example.com", "Folha do Sul", "jornal", "regional",
         "saúde, cidade", "interesse legítimo", "site do jornal"],
        ["Rui Prado", "rui@radio.example.com", "Rádio Vale FM", "", "", "política",
         "", "evento de imprensa"]]


def test_csv_and_xlsx_import_every_row_and_dedupe_by_email(demo):
    officer = demo["elisa.editora"]
    report = contacts_import(by=officer, name="contatos.csv", data=csv_bytes(GOOD))
    assert report.ok and (report.created, report.updated) == (2, 0), report.errors
    lia = Journalist.objects.get(email="lia@folha.example.com")
    assert lia.outlet.name == "Folha do Sul" and lia.outlet.type == "newspaper"
    assert lia.legal_basis == "legitimate_interest" and lia.source == "site do jornal"
    assert Journalist.objects.get(email="rui@radio.example.com").outlet.name == "Rádio Vale FM"
    # Again as XLSX with a changed beat and the address in capitals: updated, not duplicated.
    rows = [[*GOOD[0][:1], "LIA@folha.example.com", *GOOD[0][2:5], "educação", *GOOD[0][6:]]]
    report = contacts_import(by=officer, name="contatos.xlsx", data=xlsx_bytes(rows))
    assert report.ok and (report.created, report.updated) == (0, 1), report.errors
    assert Journalist.objects.filter(email__iexact="lia@folha.example.com").count() == 1
    assert Journalist.objects.get(pk=lia.pk).beats == "educação"


def test_a_malformed_row_rejects_the_file_naming_row_and_column(demo):
    officer = demo["elisa.editora"]
    before = (Journalist.objects.count(), Outlet.objects.count())
    rows = [GOOD[0],
            ["Ana Sem Email", "nao-e-email", "", "", "", "", "", "site"],
            ["Sem Origem", "so@x.example.com", "Nova TV", "", "", "", "talvez", ""],
            ["Repetida", "lia@folha.example.com", "", "", "", "", "", "site"]]
    with translation.override("en"):
        report = contacts_import(by=officer, name="contatos.csv", data=csv_bytes(rows))
        text = "\n".join(report.errors)
    assert not report.ok
    assert "Row 3, column “e-mail”" in text
    assert "Row 4, column “source of the data”" in text
    assert "Row 4, column “legal basis”" in text
    assert "Row 4, column “outlet type”" in text  # a new outlet needs its type
    assert "Row 5, column “e-mail”: the same e-mail address is on row 2." in text
    assert (Journalist.objects.count(), Outlet.objects.count()) == before  # nothing imported


@pytest.mark.parametrize("name,data", [
    ("contatos.xlsx", b"PK\x03\x04 not really a zip"),
    ("contatos.xlsx", b""),
    ("contatos.csv", b"\xff\xfe\x00\x00binary"),
    ("contatos.csv", b"nome;telefone\nLia;1234\n"),  # no e-mail or source column
])
def test_an_unreadable_or_incomplete_file_is_refused(demo, name, data):
    before = Journalist.objects.count()
    report = contacts_import(by=demo["elisa.editora"], name=name, data=data)
    assert not report.ok and report.errors
    assert Journalist.objects.count() == before


def test_a_forgotten_person_is_not_imported_again(demo):
    officer = demo["elisa.editora"]
    contacts_import(by=officer, name="c.csv", data=csv_bytes(GOOD[:1]))
    contacts.journalist_forget(journalist=Journalist.objects.get(email="lia@folha.example.com"),
                               by=officer)
    report = contacts_import(by=officer, name="c.csv", data=csv_bytes(GOOD[:1]))
    assert not report.ok and "asked to be forgotten" in report.errors[0]


def test_the_import_page_reports_and_keeps_nothing(demo):
    client = Client()
    client.force_login(demo["elisa.editora"])
    upload = io.BytesIO(csv_bytes([["Sem Email", "", "", "", "", "", "", "site"]]))
    upload.name = "contatos.csv"
    before = Journalist.objects.count()
    page = client.post(reverse("press:import"), {"file": upload})
    assert page.status_code == 200
    assert "Linha 2" in page.content.decode() or "Row 2" in page.content.decode()
    assert Journalist.objects.count() == before
    other = Client()
    other.force_login(demo["diego.editor"])  # an editor without the press permission
    upload.seek(0)
    assert other.post(reverse("press:import"), {"file": upload}).status_code == 403
