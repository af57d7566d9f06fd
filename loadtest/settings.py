"""Settings of the server under load: ``tuksuk.settings.local`` (DEBUG off) plus the outage wiring of issue #8.

Each addition is skipped when ``tuksuk/settings/base.py`` already has it, so this file stays correct once the
wiring is in the project's own settings (then it only moves media to the run's scratch directory).
"""

import os

from tuksuk.settings.local import *  # noqa: F403

DEBUG = False
_OUTAGE = "tuksuk.core.outage.OutageMiddleware"
if _OUTAGE not in MIDDLEWARE:  # noqa: F405
    MIDDLEWARE = list(MIDDLEWARE)  # noqa: F405
    MIDDLEWARE.insert(MIDDLEWARE.index("tuksuk.core.middleware.RequestIdMiddleware") + 1, _OUTAGE)
if REST_FRAMEWORK.get("EXCEPTION_HANDLER") == "tuksuk.core.api.errors.exception_handler":  # noqa: F405
    REST_FRAMEWORK = {**REST_FRAMEWORK, "EXCEPTION_HANDLER": "tuksuk.core.outage.api_exception_handler"}  # noqa: F405
# A connection that broke while idle (CONN_MAX_AGE > 0) is checked before it is reused, not failed on.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A database that does not answer at all must fail fast, not hold a worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)  # noqa: F405

if os.environ.get("LOADTEST_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["LOADTEST_MEDIA_ROOT"]
