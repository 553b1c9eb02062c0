"""Every tunable of the moderation app, with its default; override any with MODERATION_<NAME>."""

from datetime import timedelta

from django.conf import settings


def _setting(name: str, default):
    return getattr(settings, f"MODERATION_{name}", default)


class AppSettings:
    @property
    def SURGE_MODE(self) -> bool:
        """Off (the default): every text waits for a moderator. On, during a surge: short
        statements whose risk score is below SURGE_RISK_THRESHOLD are published at once."""
        return _setting("SURGE_MODE", False)

    @property
    def SURGE_RISK_THRESHOLD(self) -> float:
        """In surge mode, a statement whose risk score is below this is published at once.
        Hints (findings of confidence below 0.5) do not count towards the score; any one sure
        identifying finding scores at least 0.35. On the labelled corpus, 0.3 lets through
        the share of identifying statements stated in the README (make eval-screening)."""
        return _setting("SURGE_RISK_THRESHOLD", 0.3)

    @property
    def REPORT_HIDE_THRESHOLD(self) -> int:
        """Distinct readers (accounts, or client networks: never cookies) whose reports made since
        the last moderator decision hide a published testimony until it is reviewed."""
        return _setting("REPORT_HIDE_THRESHOLD", 3)

    @property
    def REPORT_HIDE_THRESHOLD_UPHELD(self) -> int:
        """Distinct readers whose reports hide a testimony a moderator has kept up after earlier
        reports. Far higher: their reports still bring it back to the queue, but hiding it
        again is a moderator's decision, not a mob's."""
        return _setting("REPORT_HIDE_THRESHOLD_UPHELD", 25)

    @property
    def CLAIM_LEASE(self) -> timedelta:
        """How long a claim keeps an item away from other moderators."""
        return timedelta(seconds=_setting("CLAIM_LEASE_SECONDS", 15 * 60))

    @property
    def RETENTION(self) -> timedelta:
        """How long the words of a rejected testimony, and the audit log's copy of the text each
        decision judged (whatever became of the testimony), are kept before they are purged.
        A withdrawal purges them at once. The privacy page states this period."""
        return timedelta(days=_setting("RETENTION_DAYS", 30))

    @property
    def SWEEP_AFTER_SECONDS(self) -> int:
        """How long a testimony may wait unscreened before the sweeper enqueues it again."""
        return _setting("SWEEP_AFTER_SECONDS", 120)

    @property
    def SWEEP_BATCH_SIZE(self) -> int:
        """The most testimonies one sweep enqueues, so a long outage is caught up in steps."""
        return _setting("SWEEP_BATCH_SIZE", 500)

    @property
    def SCREENING_BATCH_SECONDS(self) -> float:
        """How long each web process gathers committed submissions before sending them to the
        broker as one screening job. Zero sends one job per submission, at once."""
        return _setting("SCREENING_BATCH_SECONDS", 0.25)

    @property
    def SCREENING_BATCH_SIZE(self) -> int:
        """The most testimonies in one screening job."""
        return _setting("SCREENING_BATCH_SIZE", 100)

    @property
    def DETECTORS(self) -> list[str]:
        """The detector modules screening runs, by dotted path: the extension point for
        operators who need another kind of finding (each module has find(text) -> list[Span])."""
        from .detectors import TEXT_DETECTORS

        return _setting("DETECTORS", [module.__name__ for module in TEXT_DETECTORS])

    @property
    def PRESEND_DETECTORS(self) -> list[str]:
        """The detectors whose findings the author is shown before sending, by dotted path:
        the quick ones (a few milliseconds for the longest story) whose findings are rarely
        wrong. Towns are left to the moderator: naming one's town is seldom what identifies."""
        return _setting(
            "PRESEND_DETECTORS",
            [
                f"moderation.detectors.{name}"
                for name in (
                    "emails",
                    "phones",
                    "links",
                    "handles",
                    "addresses",
                    "names",
                    "arabic_names",
                    "workplaces",
                )
            ],
        )

    @property
    def PRESEND_MIN_CONFIDENCE(self) -> float:
        """Findings less sure than this are not shown to the author before sending (the
        moderator still sees them). At 0.7, 2 of the 750 clean texts of the labelled corpus
        (tests/moderation/corpus) are held back, and 5 of every 6 identifying ones."""
        return _setting("PRESEND_MIN_CONFIDENCE", 0.7)

    @property
    def DUPLICATE_WINDOW(self) -> timedelta:
        """How far back screening looks for near-duplicates of a long text."""
        return timedelta(days=_setting("DUPLICATE_WINDOW_DAYS", 7))

    @property
    def DUPLICATE_LOOKBACK(self) -> int:
        """The most recent fingerprints compared with each new long text."""
        return _setting("DUPLICATE_LOOKBACK", 5000)

    @property
    def BATCH_APPROVE_LIMIT(self) -> int:
        """Short statements shown on one batch-approval page."""
        return _setting("BATCH_APPROVE_LIMIT", 100)

    @property
    def MODERATORS_GROUP(self) -> str:
        """The group whose members may use /moderation/."""
        return _setting("MODERATORS_GROUP", "Moderators")


app_settings = AppSettings()
