"""Refuse a cross-site POST without a CSRF token, for forms on pages cached whole for everyone.

A page served alike to every visitor cannot carry a per-visitor CSRF token. What the browser
says about where a POST comes from is enough instead: Sec-Fetch-Site (every current browser
sends it), else the Origin header. A POST a browser sends from another site says so in both,
and cannot hide it; a request without either header is not a browser's cross-site form
(scripts can post directly anyway, within the rate limits).
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render


def same_origin_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not same_origin(request):
            return render(request, "403_csrf.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def same_origin(request) -> bool:
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        # "none": typed or bookmarked by the user; "same-site" is another subdomain: refused.
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    trusted = set(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    parts = urlsplit(origin)
    return origin in trusted or (
        parts.scheme == request.scheme and parts.netloc == request.get_host()
    )
