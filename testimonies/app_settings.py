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
    def TITLE_MAX_LENGTH(self) -> int:
        """Characters in a story's optional title; the database column is this wide."""
        return 120


app_settings = AppSettings()
