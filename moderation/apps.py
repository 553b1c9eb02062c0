from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from testimonies import signals

        from .screening import screening_request

        def screening_needed(sender, *, testimony_id, **kwargs):
            screening_request(testimony_id=testimony_id)

        signals.screening_needed.connect(
            screening_needed, weak=False, dispatch_uid="moderation-screening"
        )
