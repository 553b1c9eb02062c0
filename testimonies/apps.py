from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Testimonies")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from .accounts import account_times_coarsen

        pre_save.connect(
            account_times_coarsen,
            sender=get_user_model(),
            dispatch_uid="testimonies.account_times_coarsen",
        )
