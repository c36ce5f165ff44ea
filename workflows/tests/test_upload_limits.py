"""Attachments keep no misleading extension, and oversized uploads are refused before they are
read (issue 13, item 11)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from org.models import Secretariat
from pauta.upload_limits import OversizedUpload, RequestSizeMiddleware, SizeLimitUploadHandler
from workflows import services
from workflows.models import Attachment
from workflows.tests.test_http_flow import PNG
from workflows.uploads import name_for_type

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"


def new_request(demo, title="Com anexo"):
    return services.request_create(by=demo["ana.saude"], kind="news", title=title, brief="b",
                                   secretariat=Secretariat.objects.get(acronym="SMS"))


@pytest.mark.parametrize(("name", "mime", "expected"), [
    ("report.html", "application/pdf", "report.pdf"),
    ("foto.JPEG", "image/jpeg", "foto.jpeg"),
    ("foto.jpg", "image/jpeg", "foto.jpg"),
    ("foto", "image/png", "foto.png"),
    ("pasta\\\\virus.exe", "image/png", "virus.png"),
    (".htaccess", "application/pdf", "htaccess.pdf"),
    ("ata.pdf.html", "application/pdf", "ata.pdf.pdf"),
    ("relatório final.PDF", "application/pdf", "relatório final.pdf"),
])
def test_the_name_takes_the_extension_of_the_detected_type(name, mime, expected):
    assert name_for_type(name, mime) == expected


def test_a_pdf_named_html_is_stored_and_served_as_pdf(client, demo):
    request = new_request(demo)
    attachment = services.attachment_add(
        request=request, by=demo["ana.saude"],
        uploaded=SimpleUploadedFile("report.html", PDF, content_type="text/html"))
    assert attachment.original_name == "report.pdf"
    assert attachment.file.name.endswith(".pdf") and ".html" not in attachment.file.name
    client.force_login(demo["ana.saude"])
    response = client.get(f"/requests/{request.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert 'filename="report.pdf"' in response["Content-Disposition"]


def test_an_older_attachment_with_a_misleading_name_is_served_with_the_right_one(client, demo):
    request = new_request(demo)
    attachment = services.attachment_add(request=request, by=demo["ana.saude"],
                                         uploaded=SimpleUploadedFile("a.pdf", PDF))
    Attachment.objects.filter(pk=attachment.pk).update(original_name="report.html")
    client.force_login(demo["ana.saude"])
    response = client.get(f"/requests/{request.pk}/attachments/{attachment.pk}/")
    assert 'filename="report.pdf"' in response["Content-Disposition"]


def test_the_handler_keeps_nothing_past_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    handler = SizeLimitUploadHandler(RequestFactory().post("/"))
    handler.new_file("file", "big.png", "image/png", None)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    assert handler.receive_data_chunk(b"x" * 600, 600) is None  # the rest is dropped
    assert handler.receive_data_chunk(b"x" * 600, 1200) is None
    stand_in = handler.file_complete(1800)
    assert isinstance(stand_in, OversizedUpload) and stand_in.size == 1800
    assert stand_in.read() == b""


def test_an_oversized_attachment_gets_the_form_error_and_nothing_is_saved(client, demo, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    settings.UPLOAD_MAX_REQUEST_BYTES = 10 * 1024 * 1024
    request = new_request(demo)
    client.force_login(demo["ana.saude"])
    big = SimpleUploadedFile("big.png", PNG + b"\0" * (3 * 1024 * 1024), content_type="image/png")
    response = client.post(f"/requests/{request.pk}/attachments/", {"file": big}, follow=True)
    assert response.status_code == 200
    with translation.override(response["Content-Language"]):
        expected = gettext("The file is too large (%(size)d MB); the limit is %(limit)d MB.") % {
            "size": 3, "limit": 1}
    assert expected in response.content.decode()
    assert not Attachment.objects.filter(request=request).exists()


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")


@pytest.mark.parametrize("path", ["/requests/1/attachments/", "/api/v1/requests/"])
def test_a_body_over_the_request_limit_is_refused_before_it_is_read(settings, path):
    settings.UPLOAD_MAX_REQUEST_BYTES = 2 * 1024 * 1024
    request = RequestFactory().generic("POST", path, content_type="multipart/form-data; b=x")
    request.META["CONTENT_LENGTH"] = str(50 * 1024 * 1024 * 1024)  # 50 GB declared
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = RequestSizeMiddleware(lambda r: pytest.fail("the view was reached"))(request)
    assert response.status_code == 413
    assert "2 MB" in response.content.decode()


def test_the_413_page_over_http_is_the_sites_and_nothing_is_saved(client, demo, settings):
    settings.UPLOAD_MAX_REQUEST_BYTES = 64 * 1024
    request = new_request(demo)
    client.force_login(demo["ana.saude"])
    big = SimpleUploadedFile("big.png", PNG + b"\0" * (200 * 1024), content_type="image/png")
    response = client.post(f"/requests/{request.pk}/attachments/", {"file": big})
    assert response.status_code == 413
    html = response.content.decode()
    with translation.override(response["Content-Language"]):
        assert gettext("Too large to send") in html and "<main" in html
    assert not Attachment.objects.filter(request=request).exists()
