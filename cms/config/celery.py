"""Celery application. Without a broker configured, tasks run eagerly in-process."""

from __future__ import annotations

import os

from celery import Celery

from .logging import configure_celery_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.config.settings")

app = Celery("kpmpc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
configure_celery_logging()
