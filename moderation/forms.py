"""The forms a moderator submits; each carries the version of the testimony it was shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from testimonies.models import ContentWarning, Testimony

from . import replacements
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
    # Needed only when screening found something in the text: the server checks, not the page.
    confirm_findings = forms.BooleanField(
        label=_("I have read my edited text: what screening marks in it may be published."),
        required=False,
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
    replacement = forms.CharField(required=False, max_length=40)
    own_words = forms.CharField(
        required=False, max_length=replacements.OWN_WORDS_MAX_LENGTH, strip=True
    )

    def clean_replacement(self):
        key = self.cleaned_data["replacement"] or replacements.PLACEHOLDER
        if not replacements.is_choice(key):
            raise forms.ValidationError("unknown replacement")
        return key

    def clean_own_words(self):
        words = " ".join(self.cleaned_data["own_words"].split())
        if words and not replacements.own_words_allowed(words):
            raise forms.ValidationError(
                _("Use letters only, up to %(max)d, for your own words.")
                % {"max": replacements.OWN_WORDS_MAX_LENGTH}
            )
        return words


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
