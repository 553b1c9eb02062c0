"""Every tunable of the public read side, with its default; override any of them in settings."""

from django.conf import settings


def _setting(name: str, default):
    return getattr(settings, f"WALL_{name}", default)


class AppSettings:
    @property
    def PAGE_SIZE(self) -> int:
        """Testimonies per page of the wall and of the API."""
        return _setting("PAGE_SIZE", 30)

    @property
    def PUBLIC_CACHE_NEAR_SECONDS(self) -> float:
        """How long a process trusts its own copy of the public pages' generation.

        The freshness bound of every public page: a change made in this process is public at
        once; a change made by another process (a worker publishing, a moderator on another
        web server) within this many seconds. Zero reads the generation on every request.
        """
        return getattr(settings, "PUBLIC_CACHE_NEAR_SECONDS", 1.0)

    @property
    def QUERY_MAX_LENGTH(self) -> int:
        """Characters in a search; a longer one is refused with a message."""
        return _setting("QUERY_MAX_LENGTH", 200)

    @property
    def COUNT_REFRESH_SECONDS(self) -> int:
        """How often the wall's counter asks for the current count (with JavaScript)."""
        return _setting("COUNT_REFRESH_SECONDS", 5)

    @property
    def COUNT_ANNOUNCE_SECONDS(self) -> int:
        """The least time between two announcements of the count to screen readers."""
        return _setting("COUNT_ANNOUNCE_SECONDS", 60)


app_settings = AppSettings()
