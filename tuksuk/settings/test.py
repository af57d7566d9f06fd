"""The test suite: fast hashing, jobs run in-process, no lockout between tests."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-use-anywhere-else-0123456789"  # nosec B105
TUKSUK_DATA_KEY = "test-only-data-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "immediate": True}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
AXES_ENABLED = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise expects it to exist)
