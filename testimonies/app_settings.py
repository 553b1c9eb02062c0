"""Every tunable of the testimonies app, with its default; override any of them in settings."""

from django.conf import settings


def _setting(name: str, default):
    return getattr(settings, f"TESTIMONIES_{name}", default)


class AppSettings:
    @property
    def STATEMENT_MAX_LENGTH(self) -> int:
        """Characters in a short statement (a tweet's worth)."""
        return _setting("STATEMENT_MAX_LENGTH", 280)

    @property
    def STORY_MAX_LENGTH(self) -> int:
        """Characters in a longer story."""
        return _setting("STORY_MAX_LENGTH", 20_000)

    @property
    def RAW_TEXT_MAX_LENGTH(self) -> int:
        """Characters any text field accepts before it is cleaned: a little above the story
        limit (markup pasted with a story is removed by cleaning), and what bounds the cost of
        cleaning. Longer is refused at once, with the words kept in the form."""
        return _setting("RAW_TEXT_MAX_LENGTH", self.STORY_MAX_LENGTH + 2_000)

    @property
    def TITLE_MAX_LENGTH(self) -> int:
        """Characters in a story's optional title; the database column is this wide."""
        return 120


app_settings = AppSettings()
