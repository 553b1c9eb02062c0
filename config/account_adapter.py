"""allauth's account adapter, changed only where the privacy rules or lock-outs require it."""

import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config import ratelimits

# Moderator and administrator accounts are named in a namespace of their own
# (create_moderator puts them there), which the sign-up form refuses with the answer it gives
# for a taken name: whether such an account exists cannot be learned from sign-up.
STAFF_USERNAME_PREFIX = "staff-"

NOT_AVAILABLE = _("This username is not available. Please choose another.")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, "username_taken": NOT_AVAILABLE}

    def get_client_ip(self, request) -> str:
        # allauth keys any "…/ip" rate by what this returns: a keyed hash of the client network,
        # never the address. (settings.ACCOUNT_RATE_LIMITS keeps no per-client rate: allauth
        # stores exact timestamps, and ours are counted by the hour in config/ratelimits.py.)
        return ratelimits.client_key(request)

    def clean_username(self, username: str, shallow: bool = False) -> str:
        if username.lower().startswith(STAFF_USERNAME_PREFIX):
            raise ValidationError(NOT_AVAILABLE)
        username = super().clean_username(username, shallow=shallow)
        request = getattr(self, "request", None)
        # Counted once per complete sign-up form: new accounts per client and hour.
        if (
            not shallow
            and request is not None
            and request.method == "POST"
            and ratelimits.limit_reached(request, "signup")
        ):
            raise ValidationError(ratelimits.LIMIT_REACHED_MESSAGE)
        return username

    def pre_authenticate(self, request, **credentials) -> None:
        """Before a password is checked: the client's own limits first, then allauth's.

        Failed attempts count per account *and client*, so a stranger who types wrong
        passwords for a moderator uses up only their own attempts; allauth keeps a far higher
        per-account ceiling (ACCOUNT_RATE_LIMITS) against guessing from many networks.
        """
        if ratelimits.limit_reached(request, "login") or ratelimits.key_limit_reached(
            "login_failed", _account_and_client(request, credentials), increment=False
        ):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        ratelimits.key_limit_reached("login_failed", _account_and_client(request, credentials))


def _account_and_client(request, credentials) -> str:
    login = str(credentials.get("username", "")).lower().encode()
    # A hash of the name, cut short: the counter says "some account, some network".
    account = hashlib.sha256(login).hexdigest()[:12]
    return f"{ratelimits.client_key(request)}:{account}"
