"""The share form: what a survivor fills in, cleaned at the boundary."""

from django import forms
from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import get_language
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


def page_language() -> str:
    """The language of the page being shown, as a code of settings.LANGUAGES."""
    language = get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageField(forms.ChoiceField):
    """The language of a testimony's words, each named in itself; the page's language when
    the form sent none (a form from before the field existed must not lose its words)."""

    def __init__(self, **kwargs):
        super().__init__(choices=settings.LANGUAGES, required=False, **kwargs)

    def clean(self, value):
        return super().clean(value) or page_language()


class RowsField(forms.ModelMultipleChoiceField):
    """Rows chosen with checkboxes. None chosen is an empty list, not an empty queryset: a
    queryset would still be compiled when asked whether it is empty, on every submission."""

    def clean(self, value):
        if not value and not self.required:
            return []
        return super().clean(value)


class TestimonyForm(forms.ModelForm):
    """What an author writes, on the share form and when editing later."""

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

    language = LanguageField(
        label=_("The language you are writing in"),
        help_text=_(
            "Screen readers read your words in this language, and search finds them in it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new testimony is, most likely, in the language the author is reading.
            self.fields["language"].initial = page_language()

    class Meta:
        model = Testimony
        fields = ["kind", "language", "title", "body", "content_warnings", "topics"]
        field_classes = {"content_warnings": RowsField, "topics": RowsField}
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


class ShareForm(TestimonyForm):
    # A trap for bots: hidden from people (and from screen readers), so only a bot fills it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def validate_unique(self):
        # A new testimony's unique fields are random, and the database refuses a clash anyway:
        # asking first would cost a query each on the busiest path of the site.
        pass

    def caught_by_honeypot(self) -> bool:
        return bool(self.data.get("website"))


class AuthorEditForm(TestimonyForm):
    """Editing keeps the words; a "me too" has none to edit."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[c for c in Testimony.Kind.choices if c[0] != Testimony.Kind.METOO],
        widget=forms.RadioSelect,
    )


class ReceiptForm(forms.Form):
    # No length limit and no refusal of odd characters: every code we do not know, however
    # malformed, gets the one same answer.
    code = PlainTextField(
        label=_("Your receipt code"),
        help_text=_("The seven words you were shown after sharing, in order."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Please enter your receipt code.")},
    )


class AppealForm(forms.Form):
    note = PlainTextField(
        label=_("Why should it be looked at again? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my words will be deleted for good and cannot be recovered."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class AccountDeleteForm(forms.Form):
    keep_published = forms.TypedChoiceField(
        label=_("What should happen to what you shared?"),
        choices=[
            ("0", _("Delete everything I shared, published or not.")),
            ("1", _("Keep my published testimonies on the wall, with no account attached.")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what should happen to what you shared.")},
    )
    confirm = forms.BooleanField(
        label=_("Delete my account. This cannot be undone."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )
