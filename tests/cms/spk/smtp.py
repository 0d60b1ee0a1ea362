"""A real SMTP server for the e-mail tests (aiosmtpd on 127.0.0.1, a free port) and Django
pointed at it through the SMTP backend. Received messages are parsed with the stdlib.

    with smtp_server(settings) as server:
        ...                      # code under test sends through Django
        server.messages          # [email.message.EmailMessage]
        server.stop(); server.start()   # the server down and back, on the same port
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import logging
import threading
from dataclasses import dataclass

from aiosmtpd.controller import Controller

from tests.servers import free_port

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: email.message.EmailMessage


class _Store:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, port: int | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.store = _Store()
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        self.controller = Controller(self.store, hostname=self.host, port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        with self.store.lock:
            return list(self.store.received)

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [r.message for r in self.received]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [r.message for r in self.received if address in r.rcpt_tos]

    def clear(self) -> None:
        with self.store.lock:
            self.store.received.clear()


@contextlib.contextmanager
def smtp_server(settings):
    """A started server, with Django's settings (the pytest-django fixture) sending to it."""
    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()


def text_and_html(message: email.message.EmailMessage) -> tuple[str, str]:
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    return (plain.get_content() if plain else ""), (html.get_content() if html else "")
