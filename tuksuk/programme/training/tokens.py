"""Signed QR tokens and the short codes people type.

* A participant's card token (printed on the name card, shown on the phone) names the course and the participant.
  Only a logged-in organiser of that course can use it, and only for one of today's slots of that course.
* A slot token (projected by the organiser) names one slot and expires after ``SLOT_TOKEN_MAX_AGE``; a participant
  opens it and types their participant code. It cannot be moved to another slot (the slot is inside the signature)
  nor used on another day.

Both are signed with ``django.core.signing`` (the site's secret key and a salt per kind), so they cannot be forged.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core import signing

CARD_SALT = "tuksuk.training.card"
SLOT_SALT = "tuksuk.training.slot"
SLOT_TOKEN_MAX_AGE = dt.timedelta(hours=4)
# Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/O, 1/I/L).
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class TokenError(Exception):
    """A forged, damaged or stale token; ``str(exc)`` is the message for the user."""


def card_token(participant) -> str:  # type: ignore[no-untyped-def]
    return signing.Signer(salt=CARD_SALT).sign(f"{participant.course_id}.{participant.pk}")


def read_card_token(token: str) -> tuple[int, int]:
    """``(course id, participant id)`` of a genuine card token; raises ``signing.BadSignature`` otherwise."""
    value = signing.Signer(salt=CARD_SALT).unsign(token)
    course, _dot, participant = value.partition(".")
    return int(course), int(participant)


def slot_token(slot) -> str:  # type: ignore[no-untyped-def]
    return signing.TimestampSigner(salt=SLOT_SALT).sign(str(slot.pk))


def read_slot_token(token: str) -> int:
    """The slot id of a genuine, fresh slot token; raises ``signing.SignatureExpired`` (stale) or
    ``signing.BadSignature`` (forged or damaged)."""
    return int(signing.TimestampSigner(salt=SLOT_SALT).unsign(token, max_age=SLOT_TOKEN_MAX_AGE))


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _n in range(length))


def normalise_code(text: str) -> str:
    """What a person typed, as stored: upper case, without spaces and dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:16]


def certificate_code() -> str:
    """``ABCDE-FGHJK``: 10 random characters (about 50 bits), hard to guess, easy to read out."""
    code = random_code(10)
    return f"{code[:5]}-{code[5:]}"
