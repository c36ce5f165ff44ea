"""Issue 13 item 4 and issue 15: each malformed input seen in production answers 400/404 with
a message in the person's language, never a 500 (one test per cause; the fuzz test in
``tests/test_malformed_input.py`` looks for the causes nobody has seen yet)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from calendars import services as calendar_services
from calendars.models import Event
from pauta import clock
from workflows.models import ContentRequest

THIRTY_DIGITS = "9" * 30


def _client(person=None):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="pt-br")
    if person is not None:
        client.force_login(person)
    return client


def _refused(response, *statuses):
    assert response.status_code in (statuses or (400, 404)), (
        response.status_code, response.content[:300])


@pytest.fixture
def editor(demo):
    return demo["diego.editor"]


@pytest.fixture
def requester(demo):
    return demo["ana.saude"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", [
    "start=2026-02-30T00:00:00Z&end=2026-03-30T00:00:00Z",
    "start=2026-02-01T00:00:00Z&end=99999-03-01T00:00:00Z",
    f"start=2026-02-01T00:00:00Z&end=2026-03-01T00:00:00Z&secretariat={THIRTY_DIGITS}",
    "start=0001-01-01T00:00:00Z&end=0001-02-01T00:00:00Z",
    "start=9999-12-31T00:00:00-05:00&end=9999-12-31T23:00:00-05:00",
])
def test_calendar_data_refuses_bad_bounds_with_a_message(editor, query):
    response = _client(editor).get(f"{reverse('calendars:data')}?{query}")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("body", ['["2026-01-01T10:00"]', '{"start": "2026-02-30T10:00"}',
                                  '{"start": ["x"]}', '"text"', "{not json",
                                  '{"start": "0001-01-01T10:00"}'])
def test_publication_move_refuses_bad_bodies(demo, editor, body):
    from tests.permission_world import build_world

    world = build_world(demo)
    url = reverse("calendars:move", args=[world.own.approved_piece])
    response = _client(editor).post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [
    ("desired_date", "2027-02-30"), ("secretariat", "abc"), ("secretariat", THIRTY_DIGITS),
    ("desired_date", "0001-01-01"), ("plan_action", THIRTY_DIGITS)])
def test_request_form_answers_form_errors(requester, field, value):
    before = ContentRequest.objects.count()
    data = {"kind": "news", "title": "T", "brief": "b", "priority": "normal",
            "secretariat": str(requester.memberships.first().secretariat_id),
            "desired_date": (clock.today() + dt.timedelta(days=30)).isoformat(), field: value}
    response = _client(requester).post(reverse("workflows:create"), data)
    assert response.status_code == 200, response.status_code
    assert field in response.context["form"].errors
    assert ContentRequest.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("query", [
    "period=0000", "period=0000-01", "start=0001-01-01&end=0001-12-31",
    f"secretariat={THIRTY_DIGITS}", "start=2026-02-30&end=2026-03-01"])
def test_indicator_values_refuse_bad_periods(demo, query):
    response = _client(demo["helena.gestora"]).get(f"/api/v1/indicators/values/?{query}")
    assert response.status_code == 400, response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("query", [f"plan={THIRTY_DIGITS}", f"plan_action={THIRTY_DIGITS}",
                                   f"rating={THIRTY_DIGITS}", f"assignee={THIRTY_DIGITS}",
                                   f"rounds={THIRTY_DIGITS}", f"secretariat={THIRTY_DIGITS}",
                                   "created_after=0001-01-01", "q=" + "x" * 60000,
                                   f"q={THIRTY_DIGITS}", "page=" + THIRTY_DIGITS,
                                   "plan=1e400", "q=%00", "states=a%00"])
def test_request_list_filters_refuse_bad_values(editor, query):
    response = _client(editor).get(f"{reverse('workflows:list')}?{query}")
    _refused(response, 200, 400)
    if response.status_code == 400:
        assert "text/html" in response["Content-Type"]


@pytest.mark.django_db
def test_an_overlong_search_is_refused_with_a_translated_message(editor):
    response = _client(editor).get(f"{reverse('workflows:list')}?q={'x' * 60000}")
    assert response.status_code == 400
    with translation.override("pt-br"):
        expected = translation.gettext(
            "The search is too long: use at most %(limit)s characters.") % {"limit": 200}
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_json_errors_are_in_the_persons_language(editor):
    response = _client(editor).get(f"{reverse('calendars:data')}?start=2026-02-30")
    with translation.override("pt-br"):
        expected = translation.gettext("“%(name)s” must be a date and time (ISO 8601) between "
                                       "the years %(first)s and %(last)s.")
    assert response.json() == {"error": expected % {"name": "start", "first": 1900,
                                                    "last": 2999}}


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/news/%00/feed.atom", "/requests/?q=a%00b", f"/requests/{THIRTY_DIGITS}/",
    f"/calendar/events/{THIRTY_DIGITS}/"])
def test_nul_and_huge_ids_in_paths(editor, path):
    _refused(_client(editor).get(path))


@pytest.mark.django_db
def test_nul_in_a_form_is_refused(requester):
    data = {"kind": "news", "title": "T\x00", "brief": "b"}
    response = _client(requester).post(reverse("workflows:create"), data)
    assert response.status_code == 400


@pytest.mark.django_db
def test_nul_in_a_json_body_is_refused(editor):
    response = _client(editor).post("/api/v1/requests/", '{"title": "a\\u0000"}',
                                    content_type="application/json")
    _refused(response, 400, 403, 405)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [THIRTY_DIGITS, "abc", "-1"])
def test_feed_form_refuses_bad_secretariats(editor, value):
    response = _client(editor).post(reverse("calendars:feeds"),
                                    {"name": "F", "secretariats": value})
    assert response.status_code == 200, response.status_code
    assert "secretariats" in response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("starts", ["9999-12-31T23:00", "0001-01-01T10:00", "3000-01-01T10:00"])
def test_event_form_refuses_years_outside_1900_2999(editor, starts):
    before = Event.objects.count()
    data = {"kind": "public_event", "title": "E", "starts_at": starts, "ends_at": starts,
            "all_day": "on", "status": "confirmed", "visibility": "internal"}
    response = _client(editor).post(reverse("calendars:event_create"), data)
    assert response.status_code == 200, response.status_code
    assert response.context["form"].errors
    assert Event.objects.count() == before


@pytest.mark.django_db
def test_service_refuses_years_outside_1900_2999(editor):
    from django.core.exceptions import ValidationError

    start = dt.datetime(1, 1, 1, 10, tzinfo=dt.UTC)
    with pytest.raises(ValidationError):
        calendar_services.event_create(by=editor, kind="public_event", title="E",
                                       starts_at=start, ends_at=start)


@pytest.mark.django_db
@pytest.mark.parametrize("start,end", [("0001-01-01", "0001-02-01"), ("2026-02-30", "2026-03-01")])
def test_campaign_form_refuses_bad_dates(requester, start, end):
    response = _client(requester).post(reverse("campaigns:create"), {
        "secretariat": str(requester.memberships.first().secretariat_id), "title": "C",
        "brief": "b", "start": start, "end": end})
    assert response.status_code == 200, response.status_code
    assert response.context["form"].errors


APPS = ("api", "approvals", "calendars", "org", "pauta", "plans", "reports", "twofactor",
        "workflows")


def _project_subclasses(base):
    import importlib
    import pkgutil

    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ("tests" in module.name or "migrations" in module.name
                    or "management" in module.name or module.name.endswith("admin")):
                continue
            importlib.import_module(module.name)
    seen, stack = set(), [base]
    while stack:
        for cls in stack.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                stack.append(cls)
    return [c for c in seen if c.__module__.split(".")[0] in APPS
            and "admin" not in c.__module__]


@pytest.mark.django_db
def test_every_date_and_choice_field_of_every_form_and_filter_is_bounded():
    """Issue 15: one check (``pauta.inputs.check_year``) behind every date a person types."""
    import django_filters
    from django import forms

    from pauta import inputs

    wrong = []
    for form in _project_subclasses(forms.BaseForm):
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.DateField | forms.DateTimeField) and (
                    inputs.check_year not in field.validators):
                wrong.append(f"{form.__module__}.{form.__name__}.{name}")
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                    field, inputs.ModelChoiceField | inputs.ModelMultipleChoiceField):
                wrong.append(f"{form.__module__}.{form.__name__}.{name} (choice)")
    for filterset in _project_subclasses(django_filters.FilterSet):
        for name, item in filterset.base_filters.items():
            if issubclass(item.field_class, forms.DateField | forms.DateTimeField) and (
                    inputs.check_year not in item.field_class.default_validators):
                wrong.append(f"{filterset.__module__}.{filterset.__name__}.{name}")
    assert not wrong, wrong


@pytest.mark.django_db
def test_every_date_the_api_reads_is_bounded():
    from rest_framework import serializers

    from pauta.inputs import check_year

    wrong = []
    for serializer in _project_subclasses(serializers.Serializer):
        try:
            fields = serializer().fields
        except Exception:  # noqa: BLE001 - a serializer that needs a context: read-only ones
            continue
        for name, field in fields.items():
            if (isinstance(field, serializers.DateField | serializers.DateTimeField)
                    and not field.read_only and check_year not in field.validators):
                wrong.append(f"{serializer.__module__}.{serializer.__name__}.{name}")
    assert not wrong, wrong
