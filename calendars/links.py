"""The links a subscriber copies: https, webcal:// and one-click subscribe links."""

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse


def feed_links(token: str, name: str = "") -> dict[str, str]:
    """https (on SITE_URL), webcal:// (same address) and the Google / Outlook subscribe links."""
    url = settings.SITE_URL + reverse("feeds:ics", args=[token])
    webcal = "webcal://" + url.split("://", 1)[1]
    return {
        "https": url,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        "outlook": ("https://outlook.live.com/calendar/0/addfromweb?url=" + quote(url, safe="")
                    + "&name=" + quote(name or "Pauta", safe="")),
    }
