"""Revisions: every save is kept, the reviewers see the changes since the last round, and a
revision is restored as a new one."""

import pytest

from audit.models import AuditEvent
from publishing.diff import segments
from publishing.models import Revision
from publishing.revisions import changes_since_last_round, revision_restore
from publishing.tests.helpers import decide_all, in_production, save_text
from workflows import services


def test_diff_is_word_level_and_keeps_every_word():
    before, after = "A vacinação começa na segunda.", "A vacinação contra a gripe começa na terça."
    parts = segments(before, after)
    assert ("insert", "contra a gripe ") in parts
    assert ("delete", "segunda") in parts and ("insert", "terça") in parts
    old = "".join(t for op, t in parts if op != "insert")
    new = "".join(t for op, t in parts if op != "delete")
    assert (old, new) == (before, after)


def test_every_save_is_a_revision_with_author(demo):
    request = in_production(demo)
    save_text(demo, request, "Primeira versão.")
    publication = save_text(demo, request, "Segunda versão.")
    revisions = list(publication.revisions.all())
    assert [r.number for r in revisions] == [1, 2]
    assert [r.body for r in revisions] == ["Primeira versão.", "Segunda versão."]
    assert {r.author for r in revisions} == {demo["diego.editor"]}
    assert all(r.created_at for r in revisions)


def test_reviewer_sees_changes_since_last_round(demo):
    request = in_production(demo)
    save_text(demo, request, "A vacinação começa na segunda.")
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    first = changes_since_last_round(request)
    assert first["since"] == "none"  # round 1: nothing earlier to compare with
    request = decide_all(demo, request, outcome="request_changes")
    assert request.state == "in_production"
    save_text(demo, request, "A vacinação contra a gripe começa na terça.")
    editor_view = changes_since_last_round(request)
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    approver_view = changes_since_last_round(request)
    for view in (editor_view, approver_view):
        (row,) = view["channels"]
        assert row["baseline"].body == "A vacinação começa na segunda."
        (body,) = [c for c in row["changes"] if c["field"] == "body"]
        assert ("delete", "segunda") in body["segments"]
        assert ("insert", "terça") in body["segments"]


def test_restore_makes_a_new_revision_and_leaves_the_old(demo):
    request = in_production(demo)
    save_text(demo, request, "Texto bom.")
    publication = save_text(demo, request, "Texto ruim.")
    first = publication.revisions.get(number=1)
    restored = revision_restore(revision=first, by=demo["diego.editor"])
    assert restored.number == 3 and restored.restored_from == first
    assert restored.body == "Texto bom."
    publication.refresh_from_db()
    assert publication.body == "Texto bom."
    first.refresh_from_db()
    assert first.body == "Texto bom." and first.number == 1
    assert Revision.objects.filter(publication=publication).count() == 3
    assert AuditEvent.objects.filter(request=request, verb="revision_restore").exists()


def test_restore_refused_to_other_people_and_states(demo):
    from django.core.exceptions import PermissionDenied

    request = in_production(demo)
    publication = save_text(demo, request, "Texto.")
    revision = publication.revisions.get()
    with pytest.raises(PermissionDenied):
        revision_restore(revision=revision, by=demo["ana.saude"])
    services.request_send_to_review(request=request, by=demo["diego.editor"])
    with pytest.raises(PermissionDenied):  # in review the text is not editable
        revision_restore(revision=revision, by=demo["diego.editor"])
    assert publication.revisions.count() == 1


def test_pages_show_history_diff_and_restore(demo, client):
    request = in_production(demo)
    save_text(demo, request, "A vacinação começa na segunda.")
    publication = save_text(demo, request, "A vacinação começa na terça.")
    client.force_login(demo["diego.editor"])
    listing = client.get(
        f"/publishing/requests/{request.pk}/texts/{publication.channel_id}/revisions/")
    second = publication.revisions.get(number=2)
    assert listing.status_code == 200
    assert f'href="/publishing/revisions/{second.pk}/"' in listing.content.decode()
    page = client.get(f"/publishing/revisions/{second.pk}/").content.decode()
    # Not colour alone: the change is marked up and announced in words.
    assert '<del><span class="visually-hidden">' in page and "segunda" in page
    assert '<ins><span class="visually-hidden">' in page and "terça" in page
    first = publication.revisions.get(number=1)
    answer = client.post(f"/publishing/revisions/{first.pk}/restore/")
    assert answer.status_code == 302
    assert publication.revisions.count() == 3
    client.force_login(demo["ana.saude"])  # the requester reads, never restores
    assert client.post(f"/publishing/revisions/{first.pk}/restore/").status_code == 403
    assert publication.revisions.count() == 3
