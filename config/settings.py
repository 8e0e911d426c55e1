"""Coop-connect settings: one file, driven by environment variables (see .env.example).

With no variable set the project runs on an embedded SQLite database in ./var/.
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from coopconnect.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("COOP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-change-me-coop-connect" if DEBUG else "")
if not SECRET_KEY:
    # A key known to everyone would let anyone forge sessions, password-reset and calendar links.
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: with DEBUG off Coop-connect refuses to start on a default key. Set "
        "SECRET_KEY to a long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or DEBUG=1 on a development machine."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# HTTPS in production, behind a TLS-terminating proxy (.env.example, "Production profile").
# SECURE_PROXY_SSL_HEADER names the header the proxy sets (and strips from clients), e.g.
# X-Forwarded-Proto: requests marked https there are secure, so links in mails are https:// too.
_PROXY_SSL_HEADER = env_str("SECURE_PROXY_SSL_HEADER", "")
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Probes from the machine itself (systemd, monitoring) ask gunicorn directly, in plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^sante/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Listed so the API docs use django-ninja's own copy of Swagger UI (the CSP refuses its CDN).
    "ninja",
    "health_check",
    "django_tasks_db",
    "axes",
    "coopconnect.core",
    "coopconnect.territory",
    "coopconnect.places",
    "coopconnect.accounts",
    "coopconnect.businessplans",
    "coopconnect.surveys",
    "coopconnect.planning",
    "coopconnect.bookings",
    "coopconnect.billing",
    "coopconnect.payments",
    "coopconnect.events",
    "coopconnect.forums",
    "coopconnect.skills",
    "coopconnect.missions",
    "coopconnect.webhooks",
    "coopconnect.embeds",
    "coopconnect.dashboard",
    # Single sign-on (OpenID Connect providers) and OAuth2 for third-party apps: after the project's
    # apps, so that accounts' templates (consent page) come first.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "coopconnect.core.middleware.PermissionsPolicyMiddleware",
    "coopconnect.core.middleware.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coopconnect.core.middleware.RejectNulBytesMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "coopconnect" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "coopconnect.core.context_processors.site",
            ],
        },
    },
]

_SQLITE_PATH = VAR_DIR / "coopconnect.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{_SQLITE_PATH}"), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes every transaction take the write lock up front, so concurrent
    # read-then-write transactions (bookings, invoice numbers) serialise instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

# A PostgreSQL read replica (streaming replication) for the directory and the territory tool: the
# reads of GET requests on communes and places go there, everything else to the primary
# (coopconnect/core/dbrouter.py; docs/SCALING.md). Tests mirror it onto the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["coopconnect.core.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(0, "coopconnect.core.dbrouter.ReplicaReadsMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Login lockout (django-axes): the 6th wrong password for one account within the cool-off locks it
# for LOGIN_LOCKOUT_MINUTES (each attempt while locked starts the wait again); the right password is
# refused meanwhile. Counted per account, not per address: a third place's wifi is one address for
# everyone in the room. `manage.py axes_reset_username <e-mail>` unlocks an account.
AUTHENTICATION_BACKENDS = [
    "coopconnect.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address in the lockout: rotating addresses, agents or cookies does not get
# round a per-account lockout, and many accounts tried from one address meet the per-address limit
# on login posts (coopconnect/core/ratelimit.py, "login").
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_USERNAME_CALLABLE = "coopconnect.accounts.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "coopconnect.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "coopconnect.core.ratelimit.client_ip"
# Behind a reverse proxy, the request.META key holding the client's address (e.g. HTTP_X_REAL_IP):
# the abuse limits count per client address.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")
# Abuse limits (coopconnect/core/ratelimit.py) count in this cache, shared by every worker: a table
# of the database (created by `migrate`), so no extra server on SQLite or PostgreSQL.
CACHES = {
    "default": {
        "BACKEND": "coopconnect.core.cache.CounterDatabaseCache",
        "LOCATION": "coopconnect_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # The abuse limits' windows: one statement per count (core/counters.py), in the shared database.
    "ratelimit": {"BACKEND": "coopconnect.core.counters.CounterCache"},
}
RATELIMIT_USE_CACHE = "ratelimit"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "coopconnect" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Finders serve the source files, never the compressed copies: only for development (DEBUG).
# Production collects the static files first (deploy/coopconnect-web.service, scripts/start).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
# Production: collectstatic writes hashed names (leaflet.<hash>.js, cached for a year as immutable)
# with a .gz and a .br beside each file, which WhiteNoise serves: Leaflet is 147 KB raw, 42 KB gzipped.
# STATIC_MANIFEST=0 (DEBUG, the test suite) keeps plain names, so nothing needs collecting first.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}

MAILERS = {"default": {"BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Coop-connect <noreply@coop-connect.localhost>")

# Map tiles: the places still show on a plain map when tiles are unreachable (rural bandwidth).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "&copy; les contributeurs d&#39;OpenStreetMap")

# Travel times: an estimate by default; real road times when an OSRM dataset is configured.
OSRM_DATASET = env_str("OSRM_DATASET", "")
# The commune road-time matrix (manage.py build_travel_matrix); empty: <OSRM_DATASET>.matrix.npz.
TRAVEL_MATRIX = env_str("TRAVEL_MATRIX", "")

# Content-Security-Policy (Django's middleware): scripts and stylesheets come from the site itself and
# no template has an inline script; the nonce only lets the admin's few inline blocks through. Style
# attributes stay allowed: the server-side SVG charts carry their styles so that PDFs need none.
_TILES = urlsplit(MAP_TILE_URL)
_TILE_ORIGINS = [f"{_TILES.scheme}://" + re.sub(r"\{[^}]*\}", "*", _TILES.netloc)] if _TILES.netloc else []
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", *_TILE_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "report-uri": env_str("CSP_REPORT_URI", "") or None,
}
# Permissions-Policy (coopconnect.core.middleware): only the directory's "near me" uses a device.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "browsing-topics": [],
}

# /sante/ fails when a due background task has waited longer than this (no worker running?).
TASK_QUEUE_MAX_LAG_SECONDS = env_int("TASK_QUEUE_MAX_LAG_SECONDS", 600)
# Webhooks (coopconnect/webhooks, docs/INTEGRATIONS.md): tries per delivery, first wait before a retry
# (x4 each time), failed tries in a row that switch an endpoint off, seconds a receiver may take.
# WEBHOOKS_ALLOW_LOCAL lets plain http and private or loopback addresses through: development only.
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 6)
WEBHOOKS_RETRY_BASE_SECONDS = env_int("WEBHOOKS_RETRY_BASE_SECONDS", 60)
WEBHOOKS_DISABLE_AFTER = env_int("WEBHOOKS_DISABLE_AFTER", 20)
WEBHOOKS_TIMEOUT_SECONDS = env_int("WEBHOOKS_TIMEOUT_SECONDS", 10)
WEBHOOKS_ALLOW_LOCAL = env_bool("WEBHOOKS_ALLOW_LOCAL", False)

# Personal data: retention periods in days (manage.py purge_expired_data; README "Personal data").
PRIVACY_UNVERIFIED_ACCOUNT_DAYS = int(env_str("PRIVACY_UNVERIFIED_ACCOUNT_DAYS", "30"))
PRIVACY_WAITLIST_DAYS = int(env_str("PRIVACY_WAITLIST_DAYS", "90"))
PRIVACY_ACCESS_LOG_DAYS = int(env_str("PRIVACY_ACCESS_LOG_DAYS", "365"))
PRIVACY_TASK_RESULT_DAYS = int(env_str("PRIVACY_TASK_RESULT_DAYS", "30"))
# Legal notice (mentions légales) and accessibility statement, shown at /mentions-legales/, /accessibilite/.
LEGAL_PUBLISHER = env_str("LEGAL_PUBLISHER", "Coop-connect, réseau des tiers-lieux (association loi 1901)")
LEGAL_ADDRESS = env_str("LEGAL_ADDRESS", "Adresse du siège à renseigner (LEGAL_ADDRESS)")
LEGAL_DIRECTOR = env_str("LEGAL_DIRECTOR", "Président·e de l'association")
LEGAL_REGISTRATION = env_str("LEGAL_REGISTRATION", "")
LEGAL_CONTACT_EMAIL = env_str("LEGAL_CONTACT_EMAIL", "contact@coop-connect.localhost")
LEGAL_HOST = env_str("LEGAL_HOST", "Hébergeur à renseigner (LEGAL_HOST : nom, adresse, téléphone)")
LEGAL_DPO_EMAIL = env_str("LEGAL_DPO_EMAIL", "")
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "")

# LOG_FORMAT=json writes one JSON object per line (time, level, logger, message and any extra
# fields), for journald or a log collector; the default is one plain line per record.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Error reporting, only when SENTRY_DSN is set (sentry-sdk is not even imported otherwise). Reports
# carry no personal data: no names, e-mails, addresses or request bodies.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", "") or None,
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )

AUTH_USER_MODEL = "accounts.User"

# Single sign-on (django-allauth): OIDC_PROVIDERS names the providers, each described by
# OIDC_<ID>_* variables (coopconnect/accounts/sso/config.py, README "Single sign-on"). Accounts are
# linked only by an e-mail address the provider says is verified; only the provider buttons of
# the login page start allauth (its own login and sign-up pages are not mounted).
from coopconnect.accounts.sso.config import providers_from_env  # noqa: E402

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "coopconnect.accounts.sso.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "coopconnect.accounts.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": providers_from_env()}}

# OAuth2 for third-party apps (django-oauth-toolkit): authorization code with PKCE only; platform
# staff register the apps in the admin. The scopes are those of the personal API tokens.
from coopconnect.accounts.scopes import SCOPE_LABELS  # noqa: E402

OAUTH2_PROVIDER = {
    "SCOPES": dict(SCOPE_LABELS),
    "DEFAULT_SCOPES": ["bookings:read"],
    "PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": 30 * 24 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    "ALLOWED_GRANT_TYPES": ["authorization_code", "refresh_token"],
    # RFC 9700 (OAuth 2.0 security BCP): no implicit grant, no password grant.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
