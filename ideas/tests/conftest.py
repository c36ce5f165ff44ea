"""Shared fixtures of these tests."""

import pytest


@pytest.fixture(autouse=True)
def _english(english_messages):
    """These tests read the messages in English (``english_messages``, the root conftest)."""
