"""Refuse, before any view or middleware reads it, a request the site never needs to read.

Placed before the session, CSRF and authentication middleware: a body larger than
DATA_UPLOAD_MAX_MEMORY_SIZE, a file upload on a path that takes none (no form on this site
takes a file; Django itself refuses any file part beyond DATA_UPLOAD_MAX_NUMBER_FILES = 0), a
urlencoded body in another charset than UTF-8 (Django refuses it, and its own error pages then
trip over it again: a 500 with an empty body) get a plain 400 or 415 page at once, from the
headers alone. What is left is read here, whole, with a deadline (REQUEST_BODY_TIMEOUT
seconds between two pieces of it, under gunicorn): a client who sends half a body and waits
gets a 400 when the deadline passes, and holds a worker no longer.
"""

import codecs
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render

logger = logging.getLogger(__name__)

_UTF8 = codecs.lookup("utf-8").name


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.refusal(request)
        if refusal is not None:
            # Nothing of the body was read: close the connection rather than read it now.
            refusal["Connection"] = "close"
            return refusal
        return self.get_response(request)

    def refusal(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _bad_request(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return _bad_request(request)
        if request.content_type == "application/x-www-form-urlencoded":
            charset = request.content_params.get("charset")
            if charset is not None and _codec_name(charset) != _UTF8:
                return _bad_request(request, status=415)
        return _read_with_deadline(request)


def _read_with_deadline(request):
    """Read the body now (Django keeps it for request.POST), within the deadline."""
    sock = request.META.get("gunicorn.socket")
    if sock is not None:
        sock.settimeout(getattr(settings, "REQUEST_BODY_TIMEOUT", 10))
    try:
        request.body  # noqa: B018  Read and kept, or refused here rather than in a view.
    except RequestDataTooBig:
        return _bad_request(request)
    except OSError as error:  # A timeout, or the client went away mid-body.
        logger.info("Request body not read in time (%s): refused", type(error).__name__)
        return _bad_request(request)
    finally:
        if sock is not None:
            sock.settimeout(None)
    return None


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except LookupError:
        return None


def _bad_request(request, *, status: int = 400):
    # The 400 page says what was wrong without reading anything of what was sent.
    return render(request, "400.html", status=status)
