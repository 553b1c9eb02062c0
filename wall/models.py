"""The one fact the public pages' cache is keyed by: how many times what the public sees changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicChange(models.Model):
    """A counter of changes to what the public sees, bumped in the transaction that changes it.

    The sum over the shards is the generation every cached public page is keyed by
    (wall.caching). It lives in the database, beside the rows it describes, so a change and
    its bump commit together or not at all: a cache outage can lose cached pages, never a bump.
    A random shard per bump spreads a surge of "me too"s over several row locks.
    """

    SHARDS = 8

    shard = models.PositiveSmallIntegerField(_("shard"), primary_key=True)
    count = models.BigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("public change")
        verbose_name_plural = _("public changes")

    def __str__(self):
        return f"{self.shard}: {self.count}"
