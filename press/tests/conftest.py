"""Shared fixtures of these tests."""

import pytest


@pytest.fixture(autouse=True)
def english(settings):
    """These tests read the messages in English (the source language); pages and e-mails in
    Portuguese are checked by the words and i18n tests."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
