"""Logging filter that keeps BSNs and other long digit runs out of every log line, including
the text of a logged exception (a database error can quote a value)."""

import logging
import re

# A BSN is nine digits; also catch them written with dots or spaces (123.456.789).
_BSN_LIKE = re.compile(r"(?<!\d)(\d{3}[ .]?\d{3}[ .]?\d{3})(?!\d)")


def redact(text: str) -> str:
    return _BSN_LIKE.sub("[geredigeerd]", text)


class RedactPersonalData(logging.Filter):
    """Rewrites each record's message so that no BSN-like number reaches a log sink."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        if record.exc_info and not record.exc_text:
            # Formatted once here (as the formatter would) and redacted; the formatter then
            # prints this text instead of formatting the exception again.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
