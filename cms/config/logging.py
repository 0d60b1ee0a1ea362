"""The LOGGING dict: JSON lines in production (one object per record, for log shippers), a
readable line in development. Records carry the running Celery task and the outbox context
(``extra={"entity": ..., "event_id": ..., "action": ...}``) in both formats."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

__all__ = ["CONTEXT_KEYS", "ContextFilter", "TextFormatter", "build_logging", "configure_celery_logging"]

LOG_FORMATS = ("json", "text")
#: Record attributes shown by the text format when present (JSON shows every extra anyway).
CONTEXT_KEYS = ("task_name", "task_id", "entity", "event_id", "action")


class ContextFilter(logging.Filter):
    """Add ``task_id`` and ``task_name`` of the Celery task running in this thread, if any."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The same lookup Celery's own TaskFormatter uses; None outside a task.
        from celery._state import get_current_task

        task = get_current_task()
        task_id = getattr(getattr(task, "request", None), "id", None) if task is not None else None
        if task_id:
            record.task_id, record.task_name = task_id, task.name
        elif record.name.startswith("celery.") and isinstance(getattr(record, "data", None), dict):
            # Celery logs "received" and "raised" outside the task, naming it in extra={"data": …}.
            data = record.data
            if data.get("id"):
                record.task_id, record.task_name = data["id"], data.get("name")
        return True


class TextFormatter(logging.Formatter):
    """``time LEVEL logger message [key=value …]`` with the context keys the record has."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = " ".join(f"{key}={getattr(record, key)}" for key in CONTEXT_KEYS if hasattr(record, key))
        if not context:
            return line
        head, newline, rest = line.partition("\n")  # keep a traceback below the context
        return f"{head} [{context}]{newline}{rest}"


def build_logging(log_format: str, *, level: str = "INFO", levels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A ``dictConfig`` dict: everything goes through one console handler in ``log_format``.

    ``levels`` sets single loggers (e.g. quiet a chatty library to WARNING).
    """
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "cms.config.logging.ContextFilter"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": True,  # ISO 8601, UTC
            },
            "text": {"()": "cms.config.logging.TextFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["context"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's default config gives "django" its own handlers (console, mail_admins):
            # listing it here drops them, so its records reach the root handler once.
            "django": {"level": level},
            **{name: {"level": lvl} for name, lvl in (levels or {}).items()},
        },
    }


def _apply_django_logging(**_kwargs: Any) -> None:
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


def configure_celery_logging() -> None:
    """Make ``celery worker`` and ``celery beat`` log through settings.LOGGING.

    With a receiver on ``setup_logging`` Celery leaves logging alone (no root-logger hijack,
    no ``--loglevel``): LOG_LEVEL and LOG_FORMAT apply to the worker as to the web.
    """
    from celery.signals import setup_logging

    setup_logging.connect(_apply_django_logging, weak=False, dispatch_uid="cms.config.logging")
