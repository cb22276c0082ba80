"""Keep the bot token out of every log line, whoever logs it.

Why a filter and not care at each call: the token is in every Bot API URL, so httpx logs it with
each request, and python-telegram-bot quotes it in the ``InvalidToken`` it raises when the API
answers 401 or 404 at start-up (the traceback is logged before the project's own handler runs).
Neither is our code. A filter on the handlers sees every record that reaches a log, from any
logger, and rewrites the message, its arguments and its traceback before a formatter writes them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import quote

__all__ = ["MASK", "SecretFilter", "configure_logging", "install"]

MASK = "[token]"
_MIN_SECRET = 16
"""The part after the colon is masked alone only when it is this long: a real token's is 35
characters, and masking a short string would garble unrelated text."""


class SecretFilter(logging.Filter):
    """Replaces each secret (and its URL-quoted form) in a record's message, arguments, traceback
    and stack with :data:`MASK`. Never drops a record: a log line without the token is still worth
    having."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        forms: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            forms |= {secret, quote(secret, safe=""), quote(secret)}
            _, _, tail = secret.partition(":")
            if len(tail) >= _MIN_SECRET:
                forms.add(tail)
        self._forms = sorted(forms, key=len, reverse=True)  # longest first: the whole token before its tail

    def redact(self, text: str) -> str:
        for form in self._forms:
            text = text.replace(form, MASK)
        return text

    def _has_secret(self, text: str) -> bool:
        return any(form in text for form in self._forms)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._forms:
            return True
        try:
            message = record.getMessage()  # args may be any object whose str() holds the token (httpx.URL)
        except Exception:  # a malformed call: the formatter reports it; a filter must not raise
            message = None
        if message is not None and self._has_secret(message):
            record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            # formatted here, once, as Formatter.format would; formatters reuse exc_text
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self._has_secret(record.exc_text):
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info and self._has_secret(record.stack_info):
            record.stack_info = self.redact(record.stack_info)
        return True


def install(secret_filter: SecretFilter) -> list[logging.Handler]:
    """Add the filter to every handler that exists now: the root logger's (where records of every
    propagating logger end) and those of any logger with handlers of its own. Returns them."""
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    handlers = [handler for logger in loggers for handler in logger.handlers]
    for handler in handlers:
        if secret_filter not in handler.filters:
            handler.addFilter(secret_filter)
    return handlers


def configure_logging(token: str | None, level: int = logging.INFO) -> SecretFilter:
    """The bot's logging: one line per record on stderr, httpx quiet, the token masked everywhere."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise, not news
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # "Adding job tentatively…" at every start
    secret_filter = SecretFilter([token] if token else [])
    install(secret_filter)
    return secret_filter
