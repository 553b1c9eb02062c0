"""Log filters: what a log line may say, whoever wrote it."""

import logging
import re

# A query string in a request line or a URL: "?" up to a space or a quote.
_QUERY = re.compile(r"\?[^\s\"']*")


class NoQueryStrings(logging.Filter):
    """Cut query strings (searches, receipt look-ups in a URL) from every message.

    Django's development server logs the request line, query and all; django.request names
    only the path; other libraries may name a URL. The message is rendered once and cleaned.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = _QUERY.sub("?…", message), None
        return True
