"""Response headers Django does not set by itself."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# How long a shared cache (the nginx in front, see deploy/nginx.conf) may keep a page that is
# the same for everyone: one second absorbs a surge (each URL reaches the site at most once a
# second from each nginx), and keeps a take-down off every screen within the freshness bound
# (PUBLIC_CACHE_NEAR_SECONDS) plus this second.
PUBLIC_MAX_AGE = 1


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses, so no page can ask for them."""

    header = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class PrivateByDefaultMiddleware:
    """Cache-Control: private, no-store on every response that says nothing about caching.

    A page may carry a receipt code, a moderator's queue or a half-written story: no browser
    history, proxy or shared cache may keep it unless its view says it is the same for
    everyone (see public_page). First in MIDDLEWARE, so it sees the final response; a
    response that sets a cookie is never public, whatever its view said.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") or (
            response.cookies and "public" in response["Cache-Control"]
        ):
            response["Cache-Control"] = "private, no-store"
        return response


def carries_nothing_personal(request: HttpRequest) -> bool:
    """Whether the request carries nothing that can make a page its own: no session (so no
    one is signed in) and no message waiting to be shown."""
    return not request.COOKIES.keys() & {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}


def public_page(view: Callable) -> Callable:
    """Let any cache, nginx's included, keep this view's page for PUBLIC_MAX_AGE seconds.

    For pages that are the same for every visitor without a session. A visitor with one
    (signed in, or a message waiting) gets their own page, private and not stored, and so
    does any answer but a 200 (a 404 for a testimony just withdrawn must not linger).
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and carries_nothing_personal(request)
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response

    return wrapped
