"""Press-release distribution: a test send first, a job over 2,000 contacts with progress
and per-recipient status, HTML and text with each recipient's unsubscribe link, opt-out and
erasure honoured, no duplicate on retry; the unsubscribe page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from org.models import Secretariat
from pauta.lifecycle import NotAllowed, TransitionRefused
from plans.models import Channel
from press import contacts, distribution
from press.models import Delivery, Distribution, Journalist, Outlet
from workflows.models import ContentRequest, Publication

pytestmark = pytest.mark.django_db


def published_release(demo):
    request = ContentRequest.objects.create(
        secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
        kind="press_release", title="Vacinação contra a gripe começa segunda", brief="b",
        state="published")
    Publication.objects.create(request=request, channel=Channel.objects.get(code="portal"),
                               title="Vacinação contra a gripe começa segunda",
                               body="<p>A campanha vai até 30 de maio.</p>",
                               url="https://valeverde.example.gov.br/noticias/gripe")
    return request


@pytest.fixture
def many(demo):
    """2,000 contacts of one new radio, covering health."""
    radio = Outlet.objects.create(name="Rádio Teste", type="radio", reach="regional")
    Journalist.objects.bulk_create([
        Journalist(name=f"Contato {n}", email=f"c{n}@radio-teste.example.com", outlet=radio,
                   beats="saúde, vacinas", source="teste") for n in range(2000)])
    return radio


def test_a_release_goes_to_2000_contacts_once_each_with_their_unsubscribe_link(
        demo, many, django_capture_on_commit_callbacks):
    officer = demo["elisa.editora"]
    item = distribution.distribution_create(by=officer, request=published_release(demo),
                                            beats="vacinas", outlet_types=["radio"])
    assert distribution.recipients_of(item).count() == 2000
    with pytest.raises(TransitionRefused, match="test"):
        distribution.distribution_start(distribution=item, by=officer)
    mail.outbox.clear()
    distribution.distribution_test_send(distribution=item, by=officer)
    assert [m.to for m in mail.outbox] == [[officer.email]]
    out = Journalist.objects.filter(outlet=many).order_by("pk")
    contacts.journalist_opt_out(journalist=out[0], by=officer)  # before: never listed
    contacts.journalist_forget(journalist=out[1], by=officer)
    mail.outbox.clear()
    item = Distribution.objects.get(pk=item.pk)
    with django_capture_on_commit_callbacks(execute=True):
        distribution.distribution_start(distribution=item, by=officer)
    item.refresh_from_db()
    assert item.status == "sent" and item.total == 1998 and item.finished_at
    assert distribution.progress(item) == {"sent": 1998, "failed": 0, "bounced": 0,
                                           "waiting": 0, "total": 1998, "percent": 100}
    assert len(mail.outbox) == 1998
    addresses = [m.to[0] for m in mail.outbox]
    assert len(set(addresses)) == 1998 and out[0].email not in addresses
    sample = mail.outbox[0]
    html = sample.alternatives[0][0]
    assert sample.subject == "Vacinação contra a gripe começa segunda"
    assert "A campanha vai até 30 de maio." in sample.body and "<p>" not in sample.body
    assert "https://valeverde.example.gov.br/noticias/gripe" in sample.body
    link = re.search(r"https?://\S+/press/unsubscribe/\S+/", sample.body).group()
    assert link in html and sample.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert sample.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sample.extra_headers["Message-ID"].startswith(f"<press-distribution-{item.pk}-")
    # Each recipient's link is their own.
    other = re.search(r"https?://\S+/press/unsubscribe/\S+/", mail.outbox[1].body).group()
    assert other != link
    # A retry of the job (a worker restarted) sends nobody twice.
    assert distribution.distribution_run(item.pk) == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1998


def test_failures_and_late_opt_outs_are_recorded_per_recipient(demo, monkeypatch):
    officer = demo["elisa.editora"]
    radio = Outlet.objects.create(name="Rádio Pequena", type="radio")
    people = Journalist.objects.bulk_create([
        Journalist(name=f"P{n}", email=f"p{n}@pequena.example.com", outlet=radio, source="t")
        for n in range(3)])
    item = distribution.distribution_create(by=officer, request=published_release(demo),
                                            outlet_types=["radio"], reaches=["local"])
    distribution.distribution_test_send(distribution=item, by=officer)
    distribution.distribution_start(distribution=Distribution.objects.get(pk=item.pk),
                                    by=officer)  # not news inside tests? queued on commit
    contacts.journalist_opt_out(journalist=people[0], by=officer)  # after the list was made
    real_send = distribution.EmailMultiAlternatives.send

    def flaky(self, *args, **kwargs):
        if self.to == [people[1].email]:
            raise OSError("mailbox unavailable")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(distribution.EmailMultiAlternatives, "send", flaky)
    counts = distribution.distribution_run(item.pk)
    rows = {d.journalist_id: d for d in Delivery.objects.filter(distribution=item)}
    assert rows[people[0].pk].status == "failed"
    assert rows[people[0].pk].error == "The contact opted out before the e-mail was sent."
    assert (rows[people[1].pk].status, rows[people[1].pk].error) == ("failed",
                                                                     "mailbox unavailable")
    assert rows[people[2].pk].status == "sent"
    assert counts["sent"] >= 1 and counts["failed"] == 2


def test_only_press_officers_distribute_and_only_published_releases(demo):
    request = published_release(demo)
    with pytest.raises(NotAllowed):
        distribution.distribution_create(by=demo["diego.editor"], request=request)
    request.kind = "news"
    request.save(update_fields=["kind"])
    with pytest.raises(TransitionRefused, match="published press release"):
        distribution.distribution_create(by=demo["elisa.editora"], request=request)


def test_the_unsubscribe_link_opts_the_contact_out(demo):
    journalist = Journalist.objects.create(name="Lia", email="lia@x.example.com", source="t")
    url = reverse("press:unsubscribe", args=[distribution.unsubscribe_token(journalist.pk)])
    client = Client()  # no account
    page = client.get(url)
    assert page.status_code == 200 and Journalist.objects.get(pk=journalist.pk).opted_out_at is None
    assert client.post(url).status_code == 200
    assert Journalist.objects.get(pk=journalist.pk).opted_out_at is not None
    forged = reverse("press:unsubscribe", args=[f"{journalist.pk}:forged"])
    assert client.get(forged).status_code == 404
