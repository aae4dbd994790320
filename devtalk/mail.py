"""Sending e-mail: the SMTP connection, TLS, login and the message's envelope headers.

What a mail says and who gets one is decided by the services (``services/completion.py``); the
server comes from ``config.smtp_settings``.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from devtalk.config import SmtpSettings
from devtalk.errors import DevtalkError


class MailFailed(DevtalkError):
    key = "completion.mail_failed"


def message(settings: SmtpSettings, to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text mail from the configured sender."""
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = to
    mail["Subject"] = subject
    # Mail servers add a missing Date, but not all do, and spam filters count its absence.
    mail["Date"] = formatdate(localtime=True)
    mail.set_content(body)
    return mail


def send(settings: SmtpSettings, messages: list[EmailMessage]) -> None:
    """All messages over one connection, over TLS where the server offers it; log in only when a
    user is configured. Any failure becomes MailFailed."""
    try:
        if settings.port == 465:
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=30, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=30)
        with server:
            server.ehlo()
            if settings.port != 465 and server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if settings.user:
                server.login(settings.user, settings.password)
            for mail in messages:
                server.send_message(mail)
    except (smtplib.SMTPException, OSError) as error:
        raise MailFailed(reason=str(error)[:200]) from error
