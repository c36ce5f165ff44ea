"""Two editors save the same event at once: the later save is refused with what changed."""

import html

from django.test import Client

from calendars.models import Event
from calendars.tests.factories import EventFactory
from org.tests.factories import UserFactory
from pauta.tests.posting import posted_by_browser

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _tab(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fields(form, **changes):
    data = posted_by_browser(form, **changes)
    for name in ("starts_at", "ends_at"):  # as the datetime-local input sends it
        data[name] = form[name].value().strftime("%Y-%m-%dT%H:%M")
    return data


def test_second_save_of_an_event_is_refused_with_what_changed(editor):
    event = EventFactory(title="Inauguração da praça", location="Praça Central")
    url = f"/calendar/events/{event.pk}/edit/"
    first, second = _tab(editor), _tab(UserFactory(roles=["editor"]))
    form_one = first.get(url, **EN).context["form"]
    form_two = second.get(url, **EN).context["form"]
    saved = first.post(url, _fields(form_one, location="Praça da Matriz"), **EN)
    assert saved.status_code == 302, saved.context["form"].errors
    refused = second.post(url, _fields(form_two, title="Inauguração da praça nova"), **EN)
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "Someone else saved this while you were editing it." in page
    assert "Location: “Praça Central” → “Praça da Matriz”" in page
    assert "Inauguração da praça nova" in page  # the person's input is kept
    event = Event.objects.get(pk=event.pk)
    assert (event.title, event.location, event.version) == (
        "Inauguração da praça", "Praça da Matriz", 2)
