"""Who may moderate: members of the Moderators group, signed in with a second factor."""

from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .app_settings import app_settings


def is_moderator(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.groups.filter(name=app_settings.MODERATORS_GROUP).exists()
    )


def signed_in_with_second_factor(request) -> bool:
    """True if this session proved a second factor the user still has.

    allauth keeps a log of how the current session was authenticated; an "mfa" entry is
    written only after a valid TOTP or recovery code, at sign-in or on reauthentication.
    A password alone, force_login, or a session from before TOTP was set up has none.
    """
    user = request.user
    if not user.is_authenticated or not is_mfa_enabled(user):
        # A factor that was removed after signing in no longer counts.
        return False
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_redirect(request):
    """Where a signed-in user goes to complete two-factor sign-in, with a message saying why."""
    if not is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
        messages.info(
            request,
            _("This page needs two-factor sign-in. Set up an authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")
    # Signed in with the password only (or before setting up the app): ask for a code now.
    # allauth's MFA reauthentication records the "mfa" method and then returns to `next`.
    messages.info(request, _("Enter a code from your authenticator app to continue."))
    return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))


def moderator_required(view):
    """Anonymous visitors are sent to sign in; signed-in non-moderators get a 403; moderators
    whose session has no second factor are sent to complete it, never shown the view."""

    @wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied
        if not signed_in_with_second_factor(request):
            return second_factor_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped
