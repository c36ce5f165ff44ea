"""One outlet list: the press desk's outlets are clipping's (docs/clipping.md, "Outlets").

The data migration's plan (clipping outlets → press outlets) is tested directly; the pages
and permissions of a clipping analyst who is not a press officer over HTTP, forged posts
included."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from audit.models import AuditEvent
from clipping.forms import ManualClipForm, SourceForm
from clipping.models import Medium, Source, medium_of
from org.models import User
from press.forms import JournalistForm
from press.models import Journalist, LegalBasis, Outlet

migration = importlib.import_module("clipping.migrations.0004_outlets_to_press_desk")


def _clipping(pk, name, *, medium="online", website="", reach=0, active=True, press=None):
    return {"id": pk, "name": name, "medium": medium, "website": website, "reach": reach,
            "active": active, "press_outlet_id": press}


def _press(pk, name, *, website="", audience=0):
    return {"id": pk, "name": name, "website": website, "audience": audience}


# --- The data migration's plan ---------------------------------------------------------------

def test_each_clipping_outlet_goes_to_its_press_outlet_then_same_name_then_a_new_one():
    press = [_press(10, "Rádio Vale FM"), _press(11, "Diário do Vale", website="https://dv.example"),
             _press(12, "TV Vale")]
    clipping = [
        # linked: goes to its press outlet even though another press outlet has its name
        _clipping(1, "TV Vale", medium="tv", reach=120000, press=10,
                  website="https://radio.example"),
        # same name, other case and accents' case, spaces: SQLite's iexact would miss "Á"
        _clipping(2, "  RÁDIO VALE FM ", medium="radio", reach=30000),
        _clipping(3, "diário do vale", reach=45000, website="https://other.example"),
        _clipping(4, "Gazeta Regional", medium="print", website="https://gazeta.example",
                  reach=18000, active=False),
        _clipping(5, "Blog do Cidadão", reach=8000),
    ]
    targets, changes, new = migration.plan(clipping, press)
    assert targets == {1: 10, 2: 10, 3: 11, 4: ("new", "gazeta regional"),
                       5: ("new", "blog do cidadão")}
    # The press outlet keeps its own website; the largest estimate becomes its audience.
    assert changes == {10: {"website": "https://radio.example", "audience": 120000},
                       11: {"audience": 45000}}
    assert new["gazeta regional"] == {"name": "Gazeta Regional", "type": "newspaper",
                                      "reach": "local", "website": "https://gazeta.example",
                                      "audience": 18000, "active": False}
    assert new["blog do cidadão"]["type"] == "portal"


def test_a_press_outlet_with_its_audience_already_set_keeps_the_larger_one():
    targets, changes, new = migration.plan(
        [_clipping(1, "Jornal", reach=100), _clipping(2, "Site do Jornal", reach=5000, press=7)],
        [_press(7, "JORNAL", audience=3000)])
    assert targets == {1: 7, 2: 7} and not new
    assert changes == {7: {"audience": 5000}}
    _targets, changes, _new = migration.plan([_clipping(1, "Jornal", reach=100)],
                                             [_press(7, "Jornal", audience=3000)])
    assert changes == {}  # nothing to change: no update


def test_two_clipping_outlets_differing_only_in_case_become_one_new_press_outlet():
    targets, _changes, new = migration.plan(
        [_clipping(1, "Portal Sul", reach=10, active=False),
         _clipping(2, "PORTAL SUL", reach=50, website="https://sul.example")], [])
    assert targets == {1: ("new", "portal sul"), 2: ("new", "portal sul")}
    assert new == {"portal sul": {"name": "Portal Sul", "type": "portal", "reach": "local",
                                  "website": "https://sul.example", "audience": 50,
                                  "active": True}}


def test_the_medium_and_the_outlet_type_map_both_ways():
    for medium, outlet_type in migration.TYPE_BY_MEDIUM.items():
        assert medium_of(Outlet(type=outlet_type)) == medium
    assert medium_of(Outlet(type="agency")) == Medium.ONLINE


# --- Pages and permissions -------------------------------------------------------------------

@pytest.fixture
def analyst_only(demo):
    """A clipping analyst who is not a press officer (nor an Editor)."""
    user = User.objects.create_user("clara.clipping", password="x")
    user.groups.add(Group.objects.get(name="Clipping analyst"))
    client = Client()
    client.force_login(user)
    return client


pytestmark = pytest.mark.django_db


def test_an_analyst_who_is_no_press_officer_adds_edits_and_picks_outlets(analyst_only):
    assert analyst_only.get("/press/contacts/").status_code == 403  # personal data: not theirs
    assert analyst_only.get("/press/").status_code == 403
    page = analyst_only.get("/clipping/sources/").content.decode()
    assert "/press/outlets/new/" in page and "Diário do Vale" in page
    assert analyst_only.get("/press/outlets/").status_code == 200
    response = analyst_only.post("/press/outlets/new/", {
        "name": "Jornal da Serra", "type": "newspaper", "reach": "regional",
        "city": "Serra Azul", "website": "jornaldaserra.example", "audience": "25000",
        "active": "on"})
    assert response.status_code == 302 and response["Location"] == "/press/outlets/"
    outlet = Outlet.objects.get(name="Jornal da Serra")
    assert (outlet.website, outlet.audience) == ("https://jornaldaserra.example", 25000)
    response = analyst_only.post(f"/press/outlets/{outlet.pk}/edit/", {
        "name": "Jornal da Serra", "type": "newspaper", "reach": "regional",
        "city": "Serra Azul", "website": "https://jornaldaserra.example", "audience": "27000",
        "active": "on"})
    assert response.status_code == 302
    outlet.refresh_from_db()
    assert outlet.audience == 27000
    assert AuditEvent.objects.get(verb="outlet_update", target_id=str(outlet.pk)).payload == {
        "fields": ["audience"]}
    response = analyst_only.post("/clipping/sources/", {
        "form": "source", "outlet": outlet.pk, "kind": "feed",
        "url": "https://jornaldaserra.example/rss", "interval_minutes": "30", "active": "on"})
    assert response.status_code == 302
    assert Source.objects.get(url="https://jornaldaserra.example/rss").outlet == outlet


def test_a_name_taken_in_another_case_is_refused_in_one_sentence(analyst_only, english_messages):
    before = Outlet.objects.count()
    response = analyst_only.post("/press/outlets/new/", {
        "name": " RÁDIO VALE FM ", "type": "radio", "reach": "local", "audience": "1"})
    assert response.status_code == 200
    assert "An outlet with this name already exists." in response.content.decode()
    assert Outlet.objects.count() == before
    radio = Outlet.objects.get(name="Rádio Vale FM")
    other = Outlet.objects.get(name="TV Vale Verde")
    response = analyst_only.post(f"/press/outlets/{other.pk}/edit/", {
        "name": "rádio vale fm", "type": "tv", "reach": "local", "audience": "1"})
    assert "An outlet with this name already exists." in response.content.decode()
    other.refresh_from_db()
    assert other.name == "TV Vale Verde" and radio.name == "Rádio Vale FM"


def test_bad_outlet_input_is_a_message_never_a_500(analyst_only):
    before = Outlet.objects.count()
    for data in ({"name": "", "type": "tv", "reach": "local"},
                 {"name": "X", "type": "blog", "reach": "local"},
                 {"name": "X", "type": "tv", "reach": "galactic"},
                 {"name": "X", "type": "tv", "reach": "local", "audience": "-5"},
                 {"name": "X", "type": "tv", "reach": "local", "audience": "9" * 30},
                 {"name": "X", "type": "tv", "reach": "local", "website": "javascript:alert(1)"},
                 {"name": "X" * 201, "type": "tv", "reach": "local"}):
        response = analyst_only.post("/press/outlets/new/", data)
        assert response.status_code == 200, data
        assert 'aria-invalid="true"' in response.content.decode() or \
            'br-message danger' in response.content.decode()
    assert Outlet.objects.count() == before


def test_wrong_roles_and_forged_posts_change_no_outlet(demo):
    outlet = Outlet.objects.get(name="Diário do Vale")
    before = Outlet.objects.count()
    for username in ("diego.editor", "ana.saude", "helena.gestora", "igor.auditor"):
        client = Client()
        client.force_login(demo[username])
        assert client.post("/press/outlets/new/", {"name": f"Forjado {username}", "type": "tv",
                                                   "reach": "local"}).status_code == 403
        assert client.post(f"/press/outlets/{outlet.pk}/edit/", {
            "name": "Forjado", "type": "tv", "reach": "local", "audience": "1"}).status_code \
            == 403
        assert client.get(f"/press/outlets/{outlet.pk}/edit/").status_code == 403
    # The auditor reads the list (as the contacts); the editor (a clip reader) does not.
    auditor, editor = Client(), Client()
    auditor.force_login(demo["igor.auditor"])
    editor.force_login(demo["diego.editor"])
    assert auditor.get("/press/outlets/").status_code == 200
    assert editor.get("/press/outlets/").status_code == 403
    # The sources page lists the outlets to the editor, with no link to change them.
    page = editor.get("/clipping/sources/").content.decode()
    assert "Diário do Vale" in page and "/press/outlets/new/" not in page
    assert f"/press/outlets/{outlet.pk}/edit/" not in page
    anonymous = Client().post("/press/outlets/new/", {"name": "Anon", "type": "tv",
                                                      "reach": "local"})
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"].lower()
    outlet.refresh_from_db()
    assert outlet.name == "Diário do Vale" and Outlet.objects.count() == before
    # The old clipping outlet form is gone: its post is ignored, nothing written.
    analyst = Client()
    analyst.force_login(demo["elisa.editora"])
    assert analyst.post("/clipping/sources/", {"form": "outlet", "name": "Velho formulário",
                                               "medium": "tv", "reach": "1"}).status_code == 200
    assert not Outlet.objects.filter(name="Velho formulário").exists()


def test_an_inactive_outlet_is_not_offered_but_stays_where_it_is(demo):
    outlet = Outlet.objects.create(name="Jornal Fechado", type="newspaper", active=False)
    source = Source.objects.create(outlet=outlet, url="https://fechado.example/rss")
    journalist = Journalist.objects.create(name="Repórter", outlet=outlet, source="teste",
                                           legal_basis=LegalBasis.CONSENT)
    assert outlet not in ManualClipForm().fields["outlet"].queryset
    assert outlet not in SourceForm().fields["outlet"].queryset
    assert outlet not in JournalistForm().fields["outlet"].queryset
    # Editing what already has it keeps it choosable.
    assert outlet in SourceForm(instance=source).fields["outlet"].queryset
    assert outlet in JournalistForm(instance=journalist).fields["outlet"].queryset
    # A forged id of the inactive outlet on a new source or manual clip is a form error.
    form = SourceForm({"outlet": outlet.pk, "kind": "feed", "url": "https://f.example/rss",
                       "interval_minutes": "30"})
    assert not form.is_valid() and "outlet" in form.errors
    form = ManualClipForm({"outlet": outlet.pk, "medium": "print", "headline": "h",
                           "published_at": "2031-01-01T10:00", "summary": "s"})
    assert not form.is_valid() and "outlet" in form.errors
