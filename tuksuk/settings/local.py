"""One machine: `make demo`, development. DEBUG stays off unless DJANGO_DEBUG=1."""

from .base import *  # noqa: F403
from .env import local_key

SECRET_KEY = SECRET_KEY or local_key("secret_key")  # noqa: F405
TUKSUK_DATA_KEY = TUKSUK_DATA_KEY or local_key("data_key")  # noqa: F405

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise expects it to exist)
