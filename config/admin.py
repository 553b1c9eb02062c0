"""The admin asks what /moderation/ asks: a session that completed two-factor sign-in.

Imported once from config/urls.py, before admin.site.urls builds the admin's URLs.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from moderation.access import second_factor_redirect, signed_in_with_second_factor

from . import __version__

_staff_may_enter = admin.site.has_permission
# allauth's wrapper sends visitors to allauth's sign-in (password, then TOTP) and refuses
# signed-in users who are not staff, so the admin's own password-only form is never used.
_admin_login = secure_admin_login(admin.site.login)


def has_permission(request) -> bool:
    # Checked by every admin view: active staff, and a second factor in this session.
    return _staff_may_enter(request) and signed_in_with_second_factor(request)


def login(request, extra_context=None):
    # Staff signed in with a password only are sent to finish two-factor sign-in, not shown
    # the admin's login form again; after the code, `next` brings them back here.
    if _staff_may_enter(request) and not signed_in_with_second_factor(request):
        return second_factor_redirect(request)
    return _admin_login(request, extra_context)


admin.site.has_permission = has_permission
admin.site.login = login
# The version in every admin page's header, so an operator sees at a glance what is running.
admin.site.site_header = format_lazy("{} {}", _("Me too, safely: administration"), __version__)


# A list filter the admin cannot apply (?created_at__year=99999, a month 13) raises ValueError
# or OverflowError from deep in the date hierarchy, and a NUL byte in a filter is refused by
# PostgreSQL when the page is rendered: 500s. Both get what the admin does with any other wacky
# lookup: back to the list with "?e=1".
_get_changelist_instance = admin.ModelAdmin.get_changelist_instance


def get_changelist_instance(self, request):
    if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
        raise IncorrectLookupParameters("a NUL byte in a filter")
    try:
        return _get_changelist_instance(self, request)
    except (ValueError, OverflowError) as error:
        raise IncorrectLookupParameters(error) from error


admin.ModelAdmin.get_changelist_instance = get_changelist_instance
