"""Settings for the benchmark: the one-machine settings with DEBUG off, the bench database and ``bench.urls``.

The database comes from ``BENCH_DATABASE_URL`` (``python -m bench`` sets it); persistent connections follow
``DATABASE_CONN_MAX_AGE`` exactly as in a deployment, so the numbers are those of the same configuration.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from tuksuk.settings.env import env_int
from tuksuk.settings.local import *  # noqa: F403

DEBUG = False
_url = os.environ.get("BENCH_DATABASE_URL", "").strip()
if not _url.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("BENCH_DATABASE_URL must be a postgres:// URL (python -m bench sets it).")
DATABASES = {
    "default": dj_database_url.parse(_url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
}
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405  (a log line per request would be measured too)
