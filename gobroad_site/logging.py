"""Logging pieces named in settings.LOGGING."""

import logging


class SecurityEventFilter(logging.Filter):
    """Django's security events as one WARNING line each, without the traceback.

    A disallowed Host header or an oversized body is something a stranger does, not a
    fault of the site: logged at ERROR with a traceback, anyone could flood the log.
    """

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
