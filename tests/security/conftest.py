"""The security suite signs moderators in as the moderation tests do."""

from tests.moderation.conftest import sign_in_moderator  # noqa: F401  (a fixture)
