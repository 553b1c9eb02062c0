from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from . import services

        # A moderator may delete their account; the audit log keeps their decisions under a
        # pseudonym ("moderator #7") instead of refusing, or losing who decided.
        pre_delete.connect(
            services.audit_actor_pseudonymise,
            sender=get_user_model(),
            dispatch_uid="moderation.audit_actor_pseudonymise",
        )
