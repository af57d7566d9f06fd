"""Protecting personal identifiers at rest: encryption (Fernet) and keyed hashes for matching without decrypting.

Both derive from ``settings.TUKSUK_DATA_KEY``; the hash key and the encryption key are different derivations.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _derive(purpose: bytes) -> bytes:
    return hmac.new(settings.TUKSUK_DATA_KEY.encode(), purpose, hashlib.sha256).digest()


@cache
def _fernet(key: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"tuksuk-encryption-v1")))


def keyed_hash(value: str) -> str:
    """A stable fingerprint of ``value``: equal values match, the value cannot be read back."""
    return hmac.new(_derive(b"tuksuk-matching-v1"), value.encode(), hashlib.sha256).hexdigest()


def encrypt(value: str) -> str:
    return _fernet(settings.TUKSUK_DATA_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str | None:
    """The plain value, or None when the token was made with another key or is damaged."""
    try:
        return _fernet(settings.TUKSUK_DATA_KEY).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
