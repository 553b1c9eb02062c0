"""Create a moderator (or make an existing account one) and say how to finish setting it up.

The new account gets a strong random password, printed once, or the one read from standard
input with --password-stdin (so it never appears in the shell history or the process list).
The queue stays closed to it until it has signed in and set up an authenticator app.

A new account is named "staff-<username>": the public sign-up form refuses that namespace with
the answer it gives for any taken name, so no one learns from it which moderators exist.
"""

import os
import secrets
import sys

from allauth.account.adapter import get_adapter
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from config.account_adapter import STAFF_USERNAME_PREFIX
from moderation.app_settings import app_settings


class Command(BaseCommand):
    help = "Create a moderator account in the Moderators group and print the next steps."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--existing",
            action="store_true",
            help="Add an existing account to the group. Its password is kept unless "
            "--password-stdin is given (or it has none, then a new one is printed).",
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input instead of "
            "generating one.",
        )

    def handle(self, *args, username, existing, password_stdin, **options):
        # Everything is said after the commit, so nothing can announce an account that a
        # failure (a closed pipe: `| head`) then rolled back; and a reader that goes away
        # early cannot undo an account that exists.
        with transaction.atomic():
            user, group, created, password = self._save(username, existing, password_stdin)
        try:
            self._report(user, group, created, password, password_stdin)
        except BrokenPipeError:
            # The account exists: say so where it can still be read, then stop quietly.
            sys.stderr.write(f"Moderator {user.username!r} saved; its output was cut short.\n")
            # Python's advice for a closed pipe: stdout to /dev/null, so the exit is quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    def _save(self, username, existing, password_stdin):
        User = get_user_model()
        # Case-insensitive, as allauth matches usernames at sign-in.
        user = User.objects.filter(username__iexact=username).first()
        if user is not None and not existing:
            raise CommandError(
                f"An account named {user.username!r} already exists. To make it a moderator, "
                "run the command again with --existing."
            )
        if user is None:
            username = STAFF_USERNAME_PREFIX + username.removeprefix(STAFF_USERNAME_PREFIX)
            user = User.objects.filter(username__iexact=username).first()
            if user is not None:
                raise CommandError(f"An account named {user.username!r} already exists.")
        if user is None:
            try:
                # The rules sign-up applies: allowed characters, length, reserved names.
                get_adapter().clean_username(
                    username.removeprefix(STAFF_USERNAME_PREFIX), shallow=True
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user = User(username=username)

        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        elif user.pk is None or not user.has_usable_password():
            # About 144 random bits: no one guesses it, and it is replaced at will later.
            password = secrets.token_urlsafe(18)

        created = user.pk is None
        if password is not None:
            user.set_password(password)
        user.save()
        group, _ = Group.objects.get_or_create(name=app_settings.MODERATORS_GROUP)
        user.groups.add(group)
        return user, group, created, password

    def _report(self, user, group, created, password, password_stdin):
        action = "created in" if created else "added to"
        self.stdout.write(f"Moderator {user.username!r} {action} the group {group.name!r}.")
        if password is not None and not password_stdin:
            self.stdout.write(
                "Password (shown only this once; pass it on through a safe channel):\n"
                f"    {password}"
            )
        self.stdout.write(
            "\nNext steps for the moderator:\n"
            f"  1. Sign in at {reverse('account_login')} with this username and password.\n"
            f"  2. Set up an authenticator app at {reverse('mfa_index')} and keep the recovery "
            "codes somewhere safe.\n"
            f"     The queue at {reverse('moderation:queue')} stays closed until then."
        )
