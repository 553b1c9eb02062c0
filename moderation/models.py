"""What the automated screening found in a testimony."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from testimonies.models import Testimony


class Screening(models.Model):
    """The findings of one screening run; a testimony without one is still waiting for it."""

    testimony = models.OneToOneField(
        Testimony, on_delete=models.CASCADE, related_name="screening", verbose_name=_("testimony")
    )
    # A list of Span.as_dict() with a "field" key ("title" or "body") added.
    findings = models.JSONField(_("findings"), default=list, blank=True)
    risk_score = models.FloatField(_("risk score"), default=0.0)
    # The testimony's version the findings belong to: an edit sends it back to screening.
    testimony_version = models.PositiveIntegerField(_("testimony version"))
    screened_at = models.DateTimeField(_("screened at"), auto_now=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self):
        return f"{self.testimony} ({len(self.findings)} findings)"
