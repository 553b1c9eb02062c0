"""Moderators sign in as they really do: password, then a code from their authenticator app."""

import itertools
import secrets
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt

# Each sign-in comes from a network of its own (a /24 is one client), so a long test run never
# reaches the per-client limit on sign-ins.
_addresses = (f"10.{n // 250 % 250}.{n % 250}.1" for n in itertools.count())


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this secret."""
    period = mfa_settings.TOTP_PERIOD
    # A code is accepted only during its own time step: never compute one just before the next.
    if period - time.time() % period < 1:
        time.sleep(1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def totp_secret_of(user) -> str:
    """The user's TOTP secret, setting up an authenticator app for them if they have none."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is not None:
        return decrypt(authenticator.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def sign_in(client, username: str, password: str, code: str | None = None):
    """POST the sign-in form, then the two-factor form if a code is given; the last response."""
    address = next(_addresses)
    response = client.post(
        "/accounts/login/", {"login": username, "password": password}, REMOTE_ADDR=address
    )
    if code is not None:
        response = client.post("/accounts/2fa/authenticate/", {"code": code}, REMOTE_ADDR=address)
    return response


@pytest.fixture
def sign_in_moderator():
    """Sign a user in through the real two-step flow; the client's session then has both."""

    def sign_in_moderator(client, user):
        password = secrets.token_urlsafe(16)
        user.set_password(password)
        user.save()
        response = sign_in(client, user.username, password, totp_code(totp_secret_of(user)))
        assert response.status_code == 302, "two-factor sign-in did not finish"
        assert client.session.get("_auth_user_id") == str(user.pk)
        return user

    return sign_in_moderator
