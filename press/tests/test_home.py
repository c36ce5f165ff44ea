"""The desk on the home page of a press officer: open inquiries, the nearest deadline first,
and the count past the deadline; nothing of it for a person without the press role."""

from datetime import timedelta

import pytest
from django.test import Client

from org.models import Secretariat
from pauta import clock
from press import services
from press.models import Journalist

pytestmark = pytest.mark.django_db


def test_the_press_officer_home_lists_open_inquiries_nearest_deadline_first(demo):
    officer = demo["elisa.editora"]
    journalist = Journalist.objects.filter(forgotten_at__isnull=True).first()
    soon = services.inquiry_register(
        by=officer, journalist=journalist, secretariat=Secretariat.objects.get(acronym="SMS"),
        theme="Prazo mais próximo de todos", questions="?",
        deadline=clock.now() - timedelta(days=30))  # the most overdue: on top
    client = Client()
    client.force_login(officer)
    page = client.get("/")
    section = next(s for s in page.context["sections"] if s["role"].key == "press_officer")
    deadlines = [i.deadline for i in section["inquiries"]]
    assert section["inquiries"][0] == soon and deadlines == sorted(deadlines)
    assert section["counts"]["overdue"] >= 1
    assert "Prazo mais próximo de todos" in page.content.decode()
    other = Client()
    other.force_login(demo["diego.editor"])
    assert "Prazo mais próximo de todos" not in other.get("/").content.decode()
