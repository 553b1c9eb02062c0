"""Refuse, before any view or middleware reads it, a request the site never needs to read.

Placed before the session, CSRF and authentication middleware: a body larger than
DATA_UPLOAD_MAX_MEMORY_SIZE, a file upload on a path that takes none (no form on this site
takes a file; Django itself refuses any file part beyond DATA_UPLOAD_MAX_NUMBER_FILES = 0), a
urlencoded body in another charset than UTF-8 (Django refuses it, and its own error pages then
trip over it again: a 500 with an empty body) get a plain 400 or 415 page at once. Bodies are
never read here: the decision needs only the headers.
"""

import codecs

from django.conf import settings
from django.shortcuts import render

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
        return None


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except LookupError:
        return None


def _bad_request(request, *, status: int = 400):
    # The 400 page says what was wrong without reading anything of what was sent.
    return render(request, "400.html", status=status)
