"""A real SMTP server for the browser tests.

aiosmtpd listens on 127.0.0.1 on a port the operating system picks (bound with port 0, so two
xdist workers never race for the same port). Django sends through its ordinary SMTP backend;
every message the server accepts is parsed with the `email` package and kept in a `Mailbox`.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the SMTP server received it: the envelope and the parsed message."""

    mail_from: str
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def subject(self) -> str:
        # Django folds a long non-ASCII subject right after "Subject:", so the unfolded value
        # starts with a space, which mail clients drop too.
        return str(self.message["Subject"]).strip()

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None, "the message has no text/plain part"
        return str(part.get_content())

    def links(self) -> list[str]:
        return re.findall(r"https?://\S+", self.body)


class Mailbox:
    """An aiosmtpd handler that stores what it receives; tests read it from their own thread."""

    def __init__(self) -> None:
        self._messages: list[ReceivedMail] = []
        self._changed = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        received = ReceivedMail(mail_from=envelope.mail_from, recipients=tuple(envelope.rcpt_tos), message=message)
        with self._changed:
            self._messages.append(received)
            self._changed.notify_all()
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[ReceivedMail]:
        with self._changed:
            return list(self._messages)

    def clear(self) -> None:
        with self._changed:
            self._messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[ReceivedMail]:
        """Block until `count` messages have arrived (an event wait, not polling), then return them all."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._messages) >= count, timeout=timeout):
                raise AssertionError(
                    f"expected {count} message(s) at the SMTP server within {timeout} s, got {len(self._messages)}"
                )
            return list(self._messages)


class SMTPServer(Controller):
    """aiosmtpd's threaded controller bound to 127.0.0.1 and a free port chosen by the OS."""

    def __init__(self, mailbox: Mailbox) -> None:
        super().__init__(mailbox, hostname="127.0.0.1", port=0)
        self.mailbox = mailbox

    def _create_server(self) -> Any:
        # The stock controller binds `self.port` and then connects to it to check it is up;
        # bind to port 0 instead and record the port the OS gave, before that check runs.
        return self._bind()

    async def _bind(self) -> asyncio.AbstractServer:
        server = await self.loop.create_server(self._factory_invoker, host=self.hostname, port=0)
        self.port = server.sockets[0].getsockname()[1]
        return server
