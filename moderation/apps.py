from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from testimonies import identifying, signals

        from . import presend, services
        from .screening import screening_request

        def screening_needed(sender, *, testimony_id, **kwargs):
            screening_request(testimony_id=testimony_id)

        signals.screening_needed.connect(
            screening_needed, weak=False, dispatch_uid="moderation-screening"
        )
        signals.withdrawn.connect(
            services.audit_text_purge_withdrawn, weak=False, dispatch_uid="moderation-withdrawn"
        )
        # The author sees, before sending, what the quick detectors find in their words.
        identifying.register(presend.identifying_findings)
        signals.changed_by_admin.connect(
            services.audit_admin_change, weak=False, dispatch_uid="moderation-admin-change"
        )
        # A moderator may delete their account; the audit log keeps their decisions under a
        # pseudonym ("moderator #7") instead of refusing, or losing who decided.
        pre_delete.connect(
            services.audit_actor_pseudonymise,
            sender=get_user_model(),
            dispatch_uid="moderation.audit_actor_pseudonymise",
        )
