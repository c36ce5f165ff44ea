"""Connector credentials, encrypted at rest with Fernet (``cryptography``).

The key comes from ``PUBLISHING_KEY`` (any string; defaults to ``SECRET_KEY``), stretched
to a Fernet key with HKDF-SHA256. Rotating ``SECRET_KEY`` without setting
``PUBLISHING_KEY`` to the old value makes stored credentials unreadable (they must be
entered again): docs/publishing.md.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _fernet() -> Fernet:
    material = (getattr(settings, "PUBLISHING_KEY", "") or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"pauta-publishing",
               info=b"connector-credentials").derive(material)
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii") if text else ""


def decrypt(token: str) -> str:
    """The stored credential ("" when none, or when the key changed)."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        return ""
