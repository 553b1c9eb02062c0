from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WallConfig(AppConfig):
    name = "wall"
    verbose_name = _("The wall")

    def ready(self):
        from testimonies import signals
        from testimonies.models import ContentWarning, CrisisResource, Testimony, Topic

        from . import receivers

        for fact in (
            signals.published,
            signals.left_the_wall,
            signals.public_text_changed,
            signals.counts_rebuilt,
        ):
            fact.connect(receivers.public_changed, dispatch_uid=f"wall-{id(fact)}")
        # What administrators edit that the public sees: labels and crisis lines by name, and
        # a testimony deleted from the admin (the services' own deletes send left_the_wall).
        for model in (Topic, ContentWarning, CrisisResource):
            post_save.connect(
                receivers.public_changed, sender=model, dispatch_uid=f"wall-save-{model.__name__}"
            )
            post_delete.connect(
                receivers.public_changed, sender=model, dispatch_uid=f"wall-delete-{model.__name__}"
            )
        post_delete.connect(
            receivers.testimony_deleted, sender=Testimony, dispatch_uid="wall-testimony-deleted"
        )
