from django.apps import AppConfig
from django.db.models.signals import pre_migrate
from django.utils.translation import gettext_lazy as _


class TestimoniesConfig(AppConfig):
    name = "testimonies"
    verbose_name = _("Testimonies")

    def ready(self):
        from config.database import without_statement_timeout

        # Building an index on a million rows outlasts any request's statement timeout.
        pre_migrate.connect(without_statement_timeout, dispatch_uid="migrate-without-timeout")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from .accounts import account_times_coarsen

        pre_save.connect(
            account_times_coarsen,
            sender=get_user_model(),
            dispatch_uid="testimonies.account_times_coarsen",
        )
