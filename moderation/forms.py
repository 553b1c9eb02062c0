"""The forms a moderator submits; each carries the version of the testimony it was shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from testimonies.models import ContentWarning, Testimony

from .models import Report


class DecisionForm(forms.Form):
    # An item page shows every decision form at once: each needs ids of its own, or the
    # label of one form's note would name the note of another.
    id_prefix = "decision"

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Note for the author (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class ApproveForm(DecisionForm):
    id_prefix = "approve"
    title = forms.CharField(label=_("Title"), required=False, max_length=120)
    body = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    content_warnings = forms.ModelMultipleChoiceField(
        label=_("Content warnings"),
        queryset=ContentWarning.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RejectForm(DecisionForm):
    id_prefix = "reject"
    reason = forms.ChoiceField(
        label=_("Reason"), choices=Testimony.RejectionReason.choices, widget=forms.RadioSelect
    )


class EscalateForm(DecisionForm):
    id_prefix = "escalate"
    note = forms.CharField(
        label=_("Why are you escalating? (for the other moderators)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RedactForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    field = forms.ChoiceField(choices=[("title", "title"), ("body", "body")])
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    kind = forms.CharField(max_length=20)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Please do not repeat any identifying detail here."),
    )
