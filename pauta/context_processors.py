"""Values every template needs."""

from django.conf import settings

from pauta import brand

# The language switcher names each language in that language, whatever the page's language.
LANGUAGE_CHOICES = [("pt-br", "Português (Brasil)"), ("pt-pt", "Português (Portugal)"),
                    ("en", "English")]


def site(request):
    current = brand.current()
    return {"DEMO_MODE": settings.DEMO_MODE, "SITE_NAME": "Pauta", "BRAND": current,
            "LANGUAGE_CHOICES": LANGUAGE_CHOICES}
