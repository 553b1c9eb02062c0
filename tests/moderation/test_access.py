"""Who reaches /moderation/ and the admin: moderators and staff who signed in with two factors."""

import io
import os
import re
import subprocess
import sys
from urllib.parse import unquote

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from moderation.access import is_moderator
from tests.conftest import database_url_for_subprocess
from tests.factories import ModeratorFactory, QueueItemFactory

from .conftest import sign_in, totp_code, totp_secret_of

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase nobody guesses"
QUEUE_MARKER = "Claim the next item"


@pytest.fixture
def moderator():
    user = ModeratorFactory()
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def waiting_item():
    return QueueItemFactory()


def claim_button(item) -> str:
    return f'action="/moderation/item/{item.pk}/claim/"'


def assert_queue_not_shown(response, item):
    html = response.content.decode()
    assert QUEUE_MARKER not in html
    assert claim_button(item) not in html


def test_a_moderator_who_signs_in_with_password_and_authenticator_code_reaches_the_queue(
    client, moderator, waiting_item
):
    secret = totp_secret_of(moderator)

    first_step = sign_in(client, moderator.username, PASSWORD)
    assert first_step["Location"] == "/accounts/2fa/authenticate/"
    second_step = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert second_step.status_code == 302

    html = client.get("/moderation/").content.decode()
    assert QUEUE_MARKER in html
    assert claim_button(waiting_item) in html


def test_a_recovery_code_opens_the_queue_too(client, moderator, waiting_item):
    totp_secret_of(moderator)
    recovery_code = RecoveryCodes.activate(moderator).generate_codes()[0]

    sign_in(client, moderator.username, PASSWORD, recovery_code)

    assert QUEUE_MARKER in client.get("/moderation/").content.decode()


def test_a_moderator_who_stops_after_the_password_step_is_sent_to_sign_in(
    client, moderator, waiting_item
):
    totp_secret_of(moderator)
    sign_in(client, moderator.username, PASSWORD)

    response = client.get("/moderation/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert_queue_not_shown(client.get("/moderation/", follow=True), waiting_item)


def test_a_wrong_authenticator_code_keeps_the_queue_closed(client, moderator, waiting_item):
    secret = totp_secret_of(moderator)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = sign_in(client, moderator.username, PASSWORD, wrong)

    assert "Incorrect code" in response.content.decode()
    assert client.get("/moderation/")["Location"].startswith("/accounts/login/")


def test_a_session_without_a_second_factor_is_asked_for_a_code_and_never_shown_the_queue(
    client, moderator, waiting_item
):
    secret = totp_secret_of(moderator)
    # Signed in by some other way than the two-step form: no second factor in this session.
    client.force_login(moderator)

    response = client.get("/moderation/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=/moderation/"
    asked = client.get(response["Location"])
    assert_queue_not_shown(asked, waiting_item)
    assert "Enter a code from your authenticator app to continue." in asked.content.decode()

    # The code brings the moderator back to where they were going.
    confirmed = client.post(
        "/accounts/2fa/reauthenticate/", {"code": totp_code(secret), "next": "/moderation/"}
    )
    assert confirmed["Location"] == "/moderation/"
    assert QUEUE_MARKER in client.get("/moderation/").content.decode()


def test_a_moderator_without_an_authenticator_app_is_sent_to_set_one_up(
    client, moderator, waiting_item
):
    # With no app set up, the password alone completes allauth's sign-in...
    sign_in(client, moderator.username, PASSWORD)

    response = client.get("/moderation/")

    # ...but the queue stays closed until the app is set up.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    followed = client.get("/moderation/", follow=True)
    assert_queue_not_shown(followed, waiting_item)
    assert "Set up an authenticator app to continue." in followed.content.decode()


def test_a_moderator_sets_up_the_app_on_the_site_and_then_reaches_the_queue(
    client, moderator, waiting_item
):
    sign_in(client, moderator.username, PASSWORD)
    # allauth asks for the password again before a second factor is added.
    client.post(
        "/accounts/reauthenticate/",
        {"password": PASSWORD, "next": "/accounts/2fa/totp/activate/"},
    )
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7=]+)"', page).group(1)

    activated = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert activated["Location"] == "/accounts/2fa/recovery-codes/"

    # The session was signed in before the app existed: one code from it, then the queue.
    assert client.get("/moderation/")["Location"].startswith("/accounts/2fa/reauthenticate/")
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(secret)})
    assert QUEUE_MARKER in client.get("/moderation/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/moderation/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/moderation/"


def test_readers_who_are_not_moderators_are_refused_even_with_two_factors(
    client, sign_in_moderator
):
    sign_in_moderator(client, User.objects.create_user("reader"))

    assert client.get("/moderation/").status_code == 403


def test_the_admin_refuses_staff_signed_in_without_a_second_factor(client):
    admin = User.objects.create_superuser("admin", password=PASSWORD)
    totp_secret_of(admin)
    client.force_login(admin)

    response = client.get("/admin/moderation/auditentry/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/2fa/reauthenticate/")
    assert "Select audit entry to view" not in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_admin_refuses_staff_who_have_not_set_up_an_authenticator_app(client):
    User.objects.create_superuser("admin", password=PASSWORD)
    sign_in(client, "admin", PASSWORD)

    response = client.get("/admin/", follow=True)

    assert ("/accounts/2fa/totp/activate/", 302) in response.redirect_chain
    assert "Site administration" not in response.content.decode()


def test_the_admin_opens_for_staff_who_signed_in_with_two_factors(client, sign_in_moderator):
    sign_in_moderator(client, User.objects.create_superuser("admin"))

    assert "Site administration" in client.get("/admin/").content.decode()


def test_the_admin_sends_visitors_to_the_sites_own_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert unquote(response.redirect_chain[-1][0]) == "/accounts/login/?next=/admin/"


def printed_password(output: str) -> str:
    return re.search(r"^    (\S+)$", output, re.M).group(1)


def test_create_moderator_makes_an_account_that_signs_in_with_the_printed_password(client):
    out = io.StringIO()

    call_command("create_moderator", "nadia", stdout=out)

    # In the staff namespace, which sign-up refuses for everyone alike.
    user = User.objects.get(username="staff-nadia")
    assert is_moderator(user)
    output = out.getvalue()
    assert "/accounts/login/" in output
    assert "/accounts/2fa/" in output
    assert "stays closed until then" in output
    sign_in(client, "staff-nadia", printed_password(output))
    assert client.session["_auth_user_id"] == str(user.pk)
    # Signed in, but no authenticator app yet: the queue stays closed.
    assert client.get("/moderation/")["Location"] == "/accounts/2fa/totp/activate/"


def test_create_moderator_refuses_an_existing_username_unless_told_it_exists():
    User.objects.create_user("nadia", password=PASSWORD)

    with pytest.raises(CommandError, match="--existing"):
        call_command("create_moderator", "Nadia", stdout=io.StringIO())
    assert not is_moderator(User.objects.get())

    out = io.StringIO()
    call_command("create_moderator", "nadia", "--existing", stdout=out)
    user = User.objects.get()
    assert is_moderator(user)
    # The account keeps its password, and none is printed.
    assert user.check_password(PASSWORD)
    assert not re.search(r"^    \S+$", out.getvalue(), re.M)


def test_create_moderator_reads_the_password_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    out = io.StringIO()

    call_command("create_moderator", "nadia", "--password-stdin", stdout=out)

    assert User.objects.get().check_password(PASSWORD)
    assert PASSWORD not in out.getvalue()


def test_create_moderator_refuses_a_weak_password_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))

    with pytest.raises(CommandError, match="too common"):
        call_command("create_moderator", "nadia", "--password-stdin", stdout=io.StringIO())
    assert not User.objects.exists()


INLINE = re.compile(r"<script(?![^>]*\ssrc=)|<style|\sstyle=|=\"data:", re.I)


def test_sign_in_sign_up_and_two_factor_pages_have_no_inline_script_or_style(client, moderator):
    def page(url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE.search(html), (url, INLINE.search(html).group(0))
        return html

    page("/accounts/login/")
    page("/accounts/signup/")
    sign_in(client, moderator.username, PASSWORD)
    page("/accounts/2fa/")
    page("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    activate = page("/accounts/2fa/totp/activate/")
    # The QR code is drawn in the page itself, not as a data: image the CSP would block.
    assert "<svg" in activate
    secret = re.search(r'value="([A-Z2-7=]+)"', activate).group(1)
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    page("/accounts/2fa/recovery-codes/")
    page("/accounts/2fa/reauthenticate/")

    client.logout()
    sign_in(client, moderator.username, PASSWORD)
    page("/accounts/2fa/authenticate/")


@pytest.mark.django_db(transaction=True)
def test_create_moderator_says_created_only_once_the_account_is_committed():
    in_transaction_when_said = []

    class Output(io.StringIO):
        def write(self, text):
            if "created" in text:
                in_transaction_when_said.append(connection.in_atomic_block)
            return super().write(text)

    call_command("create_moderator", "nadia", stdout=Output())

    assert in_transaction_when_said == [False]


@pytest.mark.django_db(transaction=True)
def test_create_moderator_piped_into_a_reader_that_stops_early_keeps_the_account():
    # `create_moderator nadia | head -0`: the pipe is closed before anything is written.
    env = {**os.environ, "DATABASE_URL": database_url_for_subprocess()}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "create_moderator", "nadia"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()
    _out, errors = process.communicate(timeout=60)

    assert User.objects.filter(username="staff-nadia", groups__name="Moderators").exists()
    assert process.returncode == 0, errors.decode()
    assert b"nadia" in errors and b"saved" in errors
