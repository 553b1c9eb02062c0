"""Who may moderate: members of the Moderators group, signed in."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from .app_settings import app_settings


def is_moderator(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.groups.filter(name=app_settings.MODERATORS_GROUP).exists()
    )


def moderator_required(view):
    """Anonymous visitors are sent to sign in; signed-in non-moderators get a 403."""

    @wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
