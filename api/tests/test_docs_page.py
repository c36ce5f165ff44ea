"""The schema and the Swagger UI page: local assets only, no inline script or style."""

import re


def test_schema_is_served_as_openapi_3(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/requests/{id}/submit/" in schema["paths"]


def test_docs_page_works_under_the_strict_csp(client, demo):
    client.force_login(demo["ana.saude"])
    page = client.get("/api/docs/")
    assert page.status_code == 200
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = page.content.decode()
    assert "<style" not in html and 'style="' not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attrs for attrs in scripts)  # nothing inline
    assert "//cdn" not in html and "https://" not in html
    for src in re.findall(r'src="([^"]+)"', html):
        asset = client.get(src.replace("&amp;", "&"))
        assert asset.status_code == 200, src
    init = client.get("/api/docs/?script=")
    assert init["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in init.content.decode()
