"""Structured logs: the LOGGING dict from cms.config.logging, applied for real with dictConfig."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms.config.logging import ContextFilter, TextFormatter, build_logging

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: dictConfig replaces the process's handlers (pytest's included).
_PROBE = """
import json, logging, logging.config, sys, django
django.setup()
from cms.config.celery import app
from cms.config.logging import build_logging

logging.config.dictConfig(build_logging("json", level="INFO"))
print("--- json from here ---", file=sys.stderr, flush=True)
log = logging.getLogger("cms.registry.outbox")

@app.task(name="tests.log_probe")
def log_probe():
    log.info("inside a task", extra={"entity": "qualification/Q1", "event_id": 8, "action": "publish"})
    return "done"

log.info("outbox event recorded", extra={"entity": "qualification/Q1", "event_id": 7, "action": "publish"})
result = log_probe.apply()
print(json.dumps({"probe_task_id": result.id}))
"""


@pytest.fixture(scope="module")
def json_run():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.config.settings", "GRAPH_STORE_PATH": ":memory:",
           "CELERY_BROKER_URL": ""}
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    _, marker, output = done.stderr.partition("--- json from here ---\n")
    assert marker, done.stderr
    records = [json.loads(line) for line in output.splitlines()]
    task_id = json.loads(done.stdout.strip().splitlines()[-1])["probe_task_id"]
    return records, task_id


def test_json_lines_carry_level_logger_message_timestamp_and_extra(json_run):
    records, _ = json_run
    record = next(r for r in records if r["message"] == "outbox event recorded")
    assert record["level"] == "INFO"
    assert record["logger"] == "cms.registry.outbox"
    assert record["timestamp"].startswith("20")
    assert (record["entity"], record["event_id"], record["action"]) == ("qualification/Q1", 7, "publish")
    assert "task_id" not in record  # not inside a task


def test_json_lines_inside_an_eager_task_carry_task_id_and_name(json_run):
    records, task_id = json_run
    record = next(r for r in records if r["message"] == "inside a task")
    assert record["task_id"] == task_id
    assert record["task_name"] == "tests.log_probe"
    assert record["event_id"] == 8


def test_every_stderr_line_is_one_json_object(json_run):
    records, _ = json_run
    assert records and all(isinstance(r, dict) for r in records)


def _text_handler() -> tuple[logging.Handler, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(TextFormatter())
    handler.addFilter(ContextFilter())
    return handler, stream


def test_text_format_shows_task_and_outbox_context():
    from celery import shared_task

    @shared_task(name="tests.text_log_probe")
    def text_log_probe():
        logging.getLogger("tests.text").warning("inside", extra={"entity": "module/M1", "event_id": 3})

    handler, stream = _text_handler()
    logger = logging.getLogger("tests.text")
    logger.addHandler(handler)
    try:
        result = text_log_probe.apply()
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
    inside, outside = stream.getvalue().splitlines()
    assert " WARNING tests.text inside [task_name=tests.text_log_probe " in inside
    assert f"task_id={result.id} entity=module/M1 event_id=3]" in inside
    assert outside.endswith("WARNING tests.text outside")


def test_build_logging_routes_everything_through_one_filtered_handler():
    config = build_logging("json", level="WARNING", levels={"pyshacl": "ERROR"})
    assert config["handlers"]["console"] == {
        "class": "logging.StreamHandler", "formatter": "json", "filters": ["context"]}
    assert config["root"] == {"handlers": ["console"], "level": "WARNING"}
    assert config["loggers"]["pyshacl"] == {"level": "ERROR"}
    assert build_logging("text")["handlers"]["console"]["formatter"] == "text"
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        build_logging("xml")


def test_settings_use_structured_logging(settings):
    """settings.py builds LOGGING with build_logging (text under DEBUG, JSON otherwise)."""
    from cms.config.env import env_bool

    console = settings.LOGGING["handlers"]["console"]
    assert console["filters"] == ["context"]
    # pytest-django turns settings.DEBUG off; the default follows the environment's DJANGO_DEBUG.
    expected = os.environ.get("LOG_FORMAT") or ("text" if env_bool("DJANGO_DEBUG", True) else "json")
    assert console["formatter"] == expected


def test_celery_records_logged_outside_the_task_still_name_it():
    """Celery logs "received" and "raised" with extra={"data": {"id", "name"}}, not in the task."""
    record = logging.LogRecord("celery.app.trace", logging.ERROR, __file__, 1, "Task raised", None, None)
    record.data = {"id": "abc-123", "name": "cms.registry.tasks.apply_outbox_event"}
    assert ContextFilter().filter(record)
    assert (record.task_id, record.task_name) == ("abc-123", "cms.registry.tasks.apply_outbox_event")


def test_configure_celery_logging_takes_over_celery_logging_once():
    from celery.signals import setup_logging

    from cms.config.logging import configure_celery_logging

    def ours() -> int:
        return sum(1 for key, _ in setup_logging.receivers if key[0] == "cms.config.logging")

    was_connected = ours()
    configure_celery_logging()
    configure_celery_logging()
    try:
        # Any receiver on setup_logging makes Celery skip its own logging setup.
        assert ours() == 1
    finally:
        if not was_connected:
            setup_logging.disconnect(dispatch_uid="cms.config.logging")
