"""The share form: what a survivor fills in, cleaned at the boundary."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .app_settings import app_settings
from .models import Testimony
from .text import clean_text


class PlainTextField(forms.CharField):
    """A text field whose value is cleaned (markup, control characters) before validation.

    NUL bytes are removed rather than refused: a survivor cannot see them, so a message about
    them would only confuse.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        return clean_text(super().to_python(value) or "")

    def widget_attrs(self, widget):
        # No maxlength in the page: a browser would silently cut a pasted text. Too long a
        # text gets a message instead, with every word still in the form.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs


class ShareForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("What would you like to share?"),
        choices=Testimony.Kind.choices,
        widget=forms.RadioSelect,
        initial=Testimony.Kind.METOO,
        error_messages={"required": _("Please choose what you would like to share.")},
    )
    title = PlainTextField(
        label=_("Title (optional, stories only)"),
        required=False,
        max_length=app_settings.TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "true"}),
        error_messages={
            "max_length": _(
                "A title can be up to %(limit_value)d characters; yours has %(show_value)d."
            )
        },
    )
    body = PlainTextField(
        label=_("Your words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "true"}),
        help_text=_(
            "A short statement is up to 280 characters; a longer story up to 20,000. "
            "Leave it empty to simply say “me too”."
        ),
    )

    class Meta:
        model = Testimony
        fields = ["kind", "title", "body", "content_warnings", "topics"]
        widgets = {
            "content_warnings": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
        }
        labels = {
            "content_warnings": _("Content warnings (optional)"),
            "topics": _("Topics (optional)"),
        }
        help_texts = {
            "content_warnings": _(
                "Readers see these first and open your words only if they choose to."
            ),
        }
