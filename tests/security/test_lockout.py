"""Strangers cannot lock a moderator out, nor learn from sign-up which moderators exist."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "the right long passphrase"


@pytest.fixture
def moderator():
    user = ModeratorFactory(username="staff-nadia")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, address):
    return client.post(
        "/accounts/login/", {"login": username, "password": password}, REMOTE_ADDR=address
    )


def test_wrong_passwords_from_one_network_do_not_lock_out_the_moderator_elsewhere(
    client, moderator
):
    for _ in range(30):
        sign_in(client, "staff-nadia", "guess", "203.0.113.66")
    # The stranger is slowed down...
    refused = sign_in(client, "staff-nadia", PASSWORD, "203.0.113.66")
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.content.decode()
    # ...the moderator at home is not.
    response = sign_in(client, "staff-nadia", PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)


def test_wrong_passwords_from_many_networks_meet_a_far_higher_per_account_ceiling(
    client, moderator, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "15/h/key"}
    for network in range(3):
        for _ in range(5):
            sign_in(client, "staff-nadia", "guess", f"100.64.{network}.1")
    response = sign_in(client, "staff-nadia", PASSWORD, "198.51.100.20")
    assert "Too many failed login attempts" in response.content.decode()


def test_one_network_may_try_only_so_many_sign_ins_an_hour(client, moderator, settings):
    settings.RATELIMITS = {"login": ["3/h"]}
    for name in ("a", "b", "c"):
        sign_in(client, name, "guess", "203.0.113.66")
    response = sign_in(client, "staff-nadia", PASSWORD, "203.0.113.66")
    assert "Too many failed login attempts" in response.content.decode()


def signup(client, username, address="203.0.113.80"):
    return client.post(
        "/accounts/signup/",
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )


def error_of(response) -> str:
    return response.context["form"].errors.get("username", [""])[0]


def test_sign_up_answers_alike_for_a_moderator_a_free_staff_name_and_a_taken_name(
    client, moderator
):
    User.objects.create_user("quiet-river", password=PASSWORD)
    taken_staff = signup(client, "staff-nadia")
    free_staff = signup(client, "staff-nobody")
    taken = signup(client, "quiet-river")
    assert taken_staff.status_code == free_staff.status_code == taken.status_code == 200
    assert error_of(taken_staff) == error_of(free_staff) == error_of(taken)
    assert "not available" in error_of(taken_staff)
    assert not User.objects.filter(username="staff-nobody").exists()


def test_create_moderator_names_accounts_in_the_staff_namespace(capsys):
    call_command("create_moderator", "amira")
    assert User.objects.filter(username="staff-amira").exists()


def test_sign_ups_per_network_are_limited(settings):
    settings.RATELIMITS = {"signup": ["2/h"]}
    statuses = [signup(Client(), f"reader-{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 200]
    assert User.objects.count() == 2


def test_no_sign_in_record_keeps_the_time_or_the_address_of_a_client(client, moderator):
    """allauth's own records keep exact timestamps: none of them may be keyed by a client."""
    from django.core.cache import caches

    sign_in(client, "staff-nadia", "guess", "203.0.113.66")
    signup(client, "a-reader")
    cache = caches["default"]
    names = [str(name) for name in cache.keys("*allauth:rl*")] if hasattr(cache, "keys") else []
    assert not [name for name in names if ":ip:" in name]
