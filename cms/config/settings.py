"""Settings. Every deployment choice comes from the environment; unset means the embedded
defaults (SQLite, embedded Oxigraph on disk, Celery eager), so `make run` needs no server."""

from __future__ import annotations

import warnings
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from .env import env_bool, env_float, env_int, env_list, env_str
from .logging import build_logging

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("KPMPC_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and graph live here

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cms.registry",
    "cms.health",
    "cms.linked_data",
    "cms.api",
    "cms.search_ui",  # /search/ and /api/v1/search (the `search` library + Wagtail pages)
    "cms.site",  # editorial CMS: pages, setup_cms, load_demo_pages (+ the four apps below)
    "cms.news",
    "cms.activities",
    "cms.committees",
    "cms.publications",
    "cms.spk",  # SPK platform: committees, members' area /members/ (+ the five apps below)
    "cms.spk.meetings",
    "cms.spk.consultations",
    "cms.spk.initiatives",
    "cms.spk.assessors",
    "cms.spk.digests",
    "wagtail.api.v2",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves collected static files (the admin's CSS/JS) from the app server without a proxy.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before CommonMiddleware; /api/ only (CORS_URLS_REGEX)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.site.locale.PageLocaleMiddleware",  # LocaleMiddleware; /lt/, /en/ prefixes for pages only
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.site.admin_access.AdminRefusalMiddleware",  # 403 on another committee's pages/files
    "cms.spk.middleware.MembersAreaMiddleware",  # /members/: member's language, 403 pages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.config.urls"
WSGI_APPLICATION = "cms.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Lithuanian first, English expected: the admin and messages exist in both.
LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", "Lietuvių"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "cms" / "locale"]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Until `collectstatic` has run (development, tests) STATIC_ROOT is absent: WhiteNoise then
# serves nothing and runserver's staticfiles app does; its warning says only that.
warnings.filterwarnings("ignore", message="No directory at: ")
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))

WAGTAIL_SITE_NAME = "KPMPC kvalifikacijų registras"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # every download passes Wagtail's collection restrictions
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "zip"]
# Autosave posts drafts every few seconds; the publish gate only runs on publish.
WAGTAIL_AUTOSAVE_INTERVAL = env_int("WAGTAIL_AUTOSAVE_INTERVAL", 0)

# --- Editorial CMS (pages in LT/EN, workflow, headless API under /api/cms/v2/) ----------
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES  # locales lt (default) and en, linked as translations
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True  # an edit after approval is reviewed again
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # internal links expanded, never `linktype` markup
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.site.documents.DocumentForm"  # content must match the extension
CMS_PREVIEW_TOKEN_MAX_AGE = 3600  # seconds a preview link works
# A front end on another origin reads the APIs: read-only, never with cookies (drafts, preview).
CORS_ALLOWED_ORIGINS = env_list("CMS_API_CORS_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False

# --- SPK platform: members' area and e-mail ------------------------------------------------
LOGIN_URL = "spk:login"
LOGIN_REDIRECT_URL = "spk:dashboard"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # a first-password link stays valid three days
# No EMAIL_HOST: messages are printed by the console backend (development). Production: SMTP.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "KPMPC SPK <spk-noreply@kpmpc.lt>")

# --- Knowledge graph -----------------------------------------------------------------
# Stable URIs are minted from codes under this base: {base}/id/{type}/{code}.
LINKED_DATA_BASE = env_str("LINKED_DATA_BASE", "https://data.kpmpc.lt").rstrip("/")
_graph_path = env_str("GRAPH_STORE_PATH", str(VAR_DIR / "graph"))
_graph_url = env_str("GRAPH_STORE_URL", "")  # a SPARQL server (Oxigraph-style base URL)
if _graph_url:
    _graph_options = {
        "url": _graph_url,
        # Fuseki/GraphDB name their endpoints differently: set the three explicitly.
        "query_url": env_str("GRAPH_STORE_QUERY_URL", "") or None,
        "update_url": env_str("GRAPH_STORE_UPDATE_URL", "") or None,
        "store_url": env_str("GRAPH_STORE_GSP_URL", "") or None,
        "timeout": env_float("GRAPH_STORE_TIMEOUT", 30.0),
        "username": env_str("GRAPH_STORE_USER", "") or None,
        "password": env_str("GRAPH_STORE_PASSWORD", "") or None,
    }
else:
    # ":memory:" keeps the embedded store in memory (tests, throwaway runs).
    _graph_options = {"path": None if _graph_path == ":memory:" else _graph_path}
GRAPH_STORES = {
    "default": {
        "BACKEND": env_str(
            "GRAPH_STORE_BACKEND",
            "graph.stores.sparql.SparqlStore" if _graph_url else "graph.stores.oxigraph.OxigraphStore",
        ),
        "OPTIONS": _graph_options,
    }
}

# --- Open data: dumps, catalogue, releases (served under /datasets/) ------------------------
DATASETS_DIR = Path(env_str("DATASETS_DIR", str(VAR_DIR / "datasets")))
# A burst of publishes regenerates the dumps once, this long after the first.
DUMPS_DEBOUNCE_SECONDS = env_int("DUMPS_DEBOUNCE_SECONDS", 60)
DATASETS_CONTACT_EMAIL = env_str("DATASETS_CONTACT_EMAIL", "")  # DCAT contact point; none when empty
# Debounce and rate limits need one cache shared by web and worker processes in production.
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
ID_CACHE_SECONDS = env_int("ID_CACHE_SECONDS", 300)  # /id/ answers and labels kept per graph generation; 0: off

# --- Public SPARQL endpoint (/sparql) -------------------------------------------------------
SPARQL_TIMEOUT_SECONDS = env_float("SPARQL_TIMEOUT_SECONDS", 10.0)
SPARQL_MAX_ROWS = env_int("SPARQL_MAX_ROWS", 10000)  # larger results are cut, and say so
SPARQL_MAX_QUERY_CHARS = env_int("SPARQL_MAX_QUERY_CHARS", 10000)  # deep nesting crashes the engine
SPARQL_MAX_CONCURRENT = env_int("SPARQL_MAX_CONCURRENT", 4)  # query threads per process
SPARQL_RATE_LIMIT = env_str("SPARQL_RATE_LIMIT", "60/min")  # per client; "" or "0" turns it off
SPARQL_CLIENT_IP_HEADER = env_str("SPARQL_CLIENT_IP_HEADER", "")  # e.g. X-Forwarded-For behind our proxy
SPARQL_HTML_MAX_ROWS = env_int("SPARQL_HTML_MAX_ROWS", 1000)

# --- Search -------------------------------------------------------------------------------
# "embedded" (in the database, no server) or "elasticsearch" (ELASTICSEARCH_URL).
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "elasticsearch" if env_str("ELASTICSEARCH_URL") else "embedded")
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "kpmpc")
_search_path = env_str("SEARCH_INDEX_PATH", str(VAR_DIR / "search"))
SEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.elastic.backend.ElasticsearchBackend",
                "OPTIONS": {"url": ELASTICSEARCH_URL, "index": f"{ELASTICSEARCH_INDEX_PREFIX}-registry"}}
    if SEARCH_BACKEND == "elasticsearch"
    # The embedded index (tantivy) on disk; ":memory:" for tests and throwaway runs.
    else {"BACKEND": "search.backends.embedded.EmbeddedBackend", "OPTIONS": {"path": _search_path}}
}

# --- Background jobs -------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# No broker configured → run tasks in-process (the embedded default).
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A worker killed mid-task must not lose the message (redelivered after the visibility timeout).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "cms.registry.tasks.sweep_outbox", "schedule": env_int("OUTBOX_SWEEP_SECONDS", 60)},
    "reconcile-nightly": {"task": "cms.registry.tasks.reconcile_graph", "schedule": crontab(hour=2, minute=30)},
    # A safety net: dumps are refreshed after changes; nightly catches a lost message.
    "dumps-nightly": {"task": "cms.linked_data.tasks.refresh_dumps", "schedule": crontab(hour=3, minute=0)},
    "spk-digests-daily": {"task": "cms.spk.digests.tasks.send_digests", "schedule": crontab(hour=7, minute=30)},
}

# --- Outbox (publish → graph, later search) -----------------------------------------------
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10)
OUTBOX_RETRY_BASE_SECONDS = env_float("OUTBOX_RETRY_BASE_SECONDS", 5.0)
OUTBOX_RETRY_MAX_SECONDS = env_float("OUTBOX_RETRY_MAX_SECONDS", 600.0)
# Pending events not queued or tried for this long are re-queued by the sweep.
OUTBOX_STALE_SECONDS = env_float("OUTBOX_STALE_SECONDS", 120.0)
# /readyz reports not ready while a pending event is older than this.
READYZ_OUTBOX_MAX_AGE_SECONDS = env_float("READYZ_OUTBOX_MAX_AGE_SECONDS", 900.0)

REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"]}

LOGGING = build_logging(
    env_str("LOG_FORMAT", "text" if DEBUG else "json"),
    level=env_str("LOG_LEVEL", "INFO"),
    levels={"pyshacl": "WARNING", "django_tasks": "WARNING"},
)

