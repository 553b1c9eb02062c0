"""Log formats: plain lines, or one JSON object a line (LOG_FORMAT=json), never a client's details.

Django's request loggers attach the request itself to their records; a JSON formatter would
write it out whole (its query string included), so it is dropped before formatting.
"""

import logging

# Attributes some libraries attach to log records that may carry what a person sent.
PRIVATE_RECORD_ATTRIBUTES = ("request", "scope")


class DropRequestFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        for name in PRIVATE_RECORD_ATTRIBUTES:
            record.__dict__.pop(name, None)
        return True


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: every record to the console, plain or as JSON."""
    formatters = {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
    if log_format not in formatters:
        raise ValueError(f"LOG_FORMAT must be 'plain' or 'json', not {log_format!r}")
    console = {
        "class": "logging.StreamHandler",
        "formatter": log_format,
        # Searches are in query strings: no log line keeps one (config/log_filters.py).
        "filters": ["drop_request", "no_query_strings"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "drop_request": {"()": "config.logs.DropRequestFilter"},
            "no_query_strings": {"()": "config.log_filters.NoQueryStrings"},
        },
        "formatters": formatters,
        "handlers": {"console": console},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
