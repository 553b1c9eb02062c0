"""Every tunable of the moderation app, with its default; override any of them in settings."""

from django.conf import settings


def _setting(name: str, default):
    return getattr(settings, f"MODERATION_{name}", default)


class AppSettings:
    @property
    def SWEEP_AFTER_SECONDS(self) -> int:
        """How long a testimony may wait unscreened before the sweeper enqueues it again."""
        return _setting("SWEEP_AFTER_SECONDS", 120)

    @property
    def SWEEP_BATCH_SIZE(self) -> int:
        """The most testimonies one sweep enqueues, so a long outage is caught up in steps."""
        return _setting("SWEEP_BATCH_SIZE", 500)


app_settings = AppSettings()
