"""How Django is wired for Tuksuk. Values an operator changes come from the environment (see ``env.py``)."""

from datetime import timedelta

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "axes",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "tuksuk.core",
    "tuksuk.accounts",
    "tuksuk.areas",
    "tuksuk.indicators",
    "tuksuk.agencies",
    "tuksuk.households",
    "tuksuk.cases",
    "tuksuk.projects",
    "tuksuk.reports",
    "tuksuk.jobs",
    "tuksuk.programme.selection",
    "tuksuk.programme.training",
    "tuksuk.programme.learning",
    "tuksuk.audit",
    "tuksuk.portal",
    "tuksuk.privacy",
    "tuksuk.governance",
    "tuksuk.ops",
    "tuksuk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tuksuk.core.middleware.RequestIdMiddleware",
    "tuksuk.core.outage.OutageMiddleware",
    "tuksuk.core.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tuksuk.accounts.idle.IdleTimeoutMiddleware",
    "tuksuk.accounts.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tuksuk.urls"

# TUKSUK_MODE=portal: the read-only public showcase alone (its own server, a read replica or a published snapshot):
# only the public pages and API, no login, no sessions, no personal data reachable.
TUKSUK_MODE = env_str("TUKSUK_MODE", "full")
if TUKSUK_MODE == "portal":
    ROOT_URLCONF = "tuksuk.portal.urls_public_only"
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "tuksuk.core.middleware.RequestIdMiddleware",
        "tuksuk.core.outage.OutageMiddleware",
        "tuksuk.core.csp.ContentSecurityPolicyMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    # The admin and the login lockout stay installed (same database schema) but are not routed in portal mode.
    SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410", "axes.W002"]
elif TUKSUK_MODE != "full":
    raise ImproperlyConfigured(f"TUKSUK_MODE must be 'full' or 'portal', not {TUKSUK_MODE!r}")
WSGI_APPLICATION = "tuksuk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tuksuk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tuksuk.core.context_processors.tuksuk",
            ],
            "builtins": ["tuksuk.core.templatetags.thai"],
        },
    }
]

# Database: a SQLite file in var/ unless DATABASE_URL says otherwise (sqlite:///path or postgres://…).
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tuksuk.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database fails fast (a clean 503, see tuksuk/core/outage.py) instead of holding a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while an import writes; IMMEDIATE avoids "database is locked" on upgrade.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "tuksuk.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "tuksuk.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "tuksuk.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "tuksuk.accounts.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): 5 failures for one username from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = env_int("TUKSUK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("TUKSUK_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "tuksuk.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Sessions end after this many minutes without a request (the 8-hour SESSION_COOKIE_AGE still applies).
TUKSUK_IDLE_MINUTES = env_int("TUKSUK_IDLE_MINUTES", 30)
# Roles that must use two-factor login (comma list of role codes; empty: optional for the central roles).
TUKSUK_REQUIRE_2FA_ROLES = env_list("TUKSUK_REQUIRE_2FA_ROLES")

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("TUKSUK_SESSION_HOURS", 8) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Language and time: Thai first, English on request; Buddhist-era dates come from tuksuk.core.thai.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "tuksuk_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages from npm are copied here by `make assets` (never committed).
STATICFILES_DIRS = [BASE_DIR / "tuksuk" / "static", ("vendor", VAR_DIR / "assets" / "vendor")]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "tuksuk.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "tuksuk.core.outage.api_exception_handler",  # outages: 503 retryable; else errors.py
    "DEFAULT_THROTTLE_RATES": {"login": "20/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tuksuk API",
    "DESCRIPTION": 'API ของระบบติดตามโครงการอำเภอนำร่อง "บำบัดทุกข์ บำรุงสุข". Every list is limited to the caller\'s areas.',
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from npm (swagger-ui-dist), served by us: no outside CDN.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tuksuk.core.api.schema.document_error_responses",  # the error bodies every endpoint can answer
    ],
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "tuksuk.accounts.roles.Role",
        "AreaLevelEnum": "tuksuk.areas.choices.AreaLevel",
        "PilotLevelEnum": "tuksuk.areas.choices.PilotLevel",
        "JobStatusEnum": "tuksuk.jobs.models.JobStatus",
        "StoryStatusEnum": "tuksuk.cases.choices.StoryStatus",
        "StorySourceEnum": "tuksuk.cases.choices.StorySource",
        "DimensionEnum": "tuksuk.cases.choices.Dimension",
        "EvidencePhaseEnum": "tuksuk.cases.choices.EvidencePhase",
        "MediaTypeEnum": "tuksuk.cases.choices.MediaType",
        "StoryEventKindEnum": "tuksuk.cases.choices.StoryEventKind",
        "HouseholdSourceEnum": "tuksuk.households.choices.HouseholdSource",
        "SexEnum": "tuksuk.households.choices.Sex",
        "ActivityStatusEnum": "tuksuk.projects.choices.ActivityStatus",
        "ProjectCategoryEnum": "tuksuk.projects.choices.ProjectCategory",
        "PartnerNetworkEnum": "tuksuk.projects.choices.PartnerNetwork",
        "ValueChainEnum": "tuksuk.projects.choices.ValueChain",
        "BudgetSourceEnum": "tuksuk.projects.choices.BudgetSource",
        "TimeframeEnum": "tuksuk.projects.choices.Timeframe",
        "PlanLevelEnum": "tuksuk.projects.choices.PlanLevel",
    },
}

# Background jobs: SQLite-backed huey by default, Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "tuksuk", "url": REDIS_URL, "immediate": False}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "tuksuk",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }

# Key for personal identifiers: citizen IDs are encrypted with it and matched by a keyed hash. Changing it makes
# stored IDs unreadable: keep it as safe as the database backups.
TUKSUK_DATA_KEY = env_str("TUKSUK_DATA_KEY")
# Days a story may stay open before it counts as overdue.
TUKSUK_STORY_DUE_DAYS = env_int("TUKSUK_STORY_DUE_DAYS", 30)
TUKSUK_MAX_IMAGE_MB = env_int("TUKSUK_MAX_IMAGE_MB", 15)
TUKSUK_MAX_VIDEO_MB = env_int("TUKSUK_MAX_VIDEO_MB", 100)

# Map background: a tile URL template; empty means plain area shapes/points only (no outside service).
TUKSUK_MAP_TILE_URL = env_str("TUKSUK_MAP_TILE_URL")
# The data protection officer's contact shown in the privacy notice (empty: the ministry's default text).
TUKSUK_DPO_CONTACT = env_str("TUKSUK_DPO_CONTACT")
# Retention periods (tuksuk/privacy/retention.py has the defaults): TUKSUK_RETENTION_JOB_FILES_DAYS,
# …_LOGIN_ATTEMPTS_DAYS, …_REQUEST_FILES_DAYS, …_LIFTED_HOUSEHOLDS_YEARS (0 = never) override them.
TUKSUK_RETENTION = {
    name: env_int(f"TUKSUK_RETENTION_{name.upper()}", 0)
    for name in ("job_files_days", "login_attempts_days", "request_files_days", "lifted_households_years")
    if env_str(f"TUKSUK_RETENTION_{name.upper()}")
}
# Content-Security-Policy (tuksuk/core/csp.py builds it; set this only to replace it entirely).
TUKSUK_CSP = env_str("TUKSUK_CSP")
# The current programme year (Buddhist era) preselected on pages.
TUKSUK_PROGRAMME_YEAR = env_int("TUKSUK_PROGRAMME_YEAR", 2565)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("TUKSUK_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "huey": {"level": "WARNING"}},
}
