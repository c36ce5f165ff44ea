"""Attachments are accepted by their content, never by their name, and served with care."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from org.models import Secretariat
from workflows import services, uploads
from workflows.tests.test_http_flow import PNG

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def zipped_html():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", HTML)
    return buffer.getvalue()


def xlsx():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content"), [
    ("foto.png", SVG), ("foto.svg", SVG), ("pagina.pdf", HTML), ("doc.docx", zipped_html()),
    ("script.jpg", b"#!/bin/sh\nrm -rf /\n"), ("vazio.png", b"")])
def test_refused_whatever_the_name(name, content):
    with pytest.raises(ValidationError):
        uploads.detect_type(SimpleUploadedFile(name, content, content_type="image/png"))


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("foto.bin", PNG, "image/png"),
    ("planilha", xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("oficio", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n", "application/pdf")])
def test_accepted_by_content(name, content, mime):
    assert uploads.detect_type(SimpleUploadedFile(name, content)) == mime


def test_too_large_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = len(PNG) - 1
    with pytest.raises(ValidationError):
        uploads.detect_type(SimpleUploadedFile("foto.png", PNG))


def test_download_only_for_who_sees_the_request_with_the_detected_type(client, demo):
    request = services.request_create(by=demo["ana.saude"], kind="news", title="Com anexo",
                                      brief="b", secretariat=Secretariat.objects.get(
                                          acronym="SMS"))
    attachment = services.attachment_add(
        request=request, by=demo["ana.saude"], alt_text="foto",
        uploaded=SimpleUploadedFile("foto.html", PNG, content_type="text/html"))
    assert attachment.content_type == "image/png"  # what the bytes are, not what was claimed
    url = f"/requests/{request.pk}/attachments/{attachment.pk}/"
    client.force_login(demo["bruno.educacao"])
    assert client.get(url).status_code == 404
    assert client.get(f"/media/{attachment.file.name}").status_code == 404  # never served raw
    client.force_login(demo["ana.saude"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
