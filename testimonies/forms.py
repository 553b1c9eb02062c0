"""The share form: what a survivor fills in, cleaned at the boundary."""

import hashlib
import secrets

from django import forms
from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import identifying
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
        value = super().to_python(value) or ""
        # Before cleaning, so that no text costs more to clean than the longest story.
        if len(value) > app_settings.RAW_TEXT_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "This can be up to %(limit)s characters; yours has %(count)s. Please "
                    "shorten it; nothing has been sent yet."
                ),
                code="raw_max_length",
                params={
                    "limit": f"{app_settings.STORY_MAX_LENGTH:,}",
                    "count": f"{len(value):,}",
                },
            )
        return clean_text(value)

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
    """Rows chosen with checkboxes, by slug. None chosen is an empty list, not an empty
    queryset: a queryset would still be compiled when asked whether it is empty, on every
    submission. Slugs rather than ids, so a page rendered from a copy of the labels during a
    database outage (testimonies.labels) sends what the database will understand later."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)

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

    # Sent by "Send as it is" (templates/testimonies/_presend.html): the author was shown what
    # may identify someone in these exact words, and chose to send them.
    send_as_is = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

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

    def presend_check(self) -> identifying.Preview | None:
        """What to show the author before their valid words are sent; None to send them."""
        data = self.cleaned_data
        return identifying.presend_check(
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            language=data["language"],
            token=data["send_as_is"],
        )

    def _post_clean(self):
        # A text refused before cleaning has no value to check the kind's rules against:
        # "please write your story" beside "yours is too long" would only confuse.
        if not self.has_error("body") and not self.has_error("title"):
            super()._post_clean()


class ShareForm(TestimonyForm):
    # A trap for bots: hidden from people (and from screen readers), so only a bot fills it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # One per page: the same form sent twice (a reload, a double tap) is saved once.
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["submission_token"].initial = secrets.token_urlsafe(24)

    @cached_property
    def metoo_token(self) -> str:
        """The one-tap "me too" form's own token, beside this form on the page: each of the two
        is saved once however often it is sent."""
        return secrets.token_urlsafe(24)

    @staticmethod
    def says_only_metoo(data) -> bool:
        """Whether a POST is a bare "me too": that kind, and no words at all."""
        return data.get("kind") == Testimony.Kind.METOO and not any(
            data.get(name, "").strip() for name in ("body", "title")
        )

    def submission_token_hash(self) -> str | None:
        """What is stored of the token: a hash, so the row holds nothing the page holds."""
        token = self.cleaned_data.get("submission_token")
        return hashlib.sha256(token.encode()).hexdigest() if token else None

    def validate_unique(self):
        # A new testimony's unique fields are random, and the database refuses a clash anyway:
        # asking first would cost a query each on the busiest path of the site.
        pass

    def caught_by_honeypot(self) -> bool:
        return bool(self.data.get("website"))


def labels_offline(form: forms.Form, labels: dict[str, list[tuple[str, str]]]) -> None:
    """Render the form's topics and warnings from a copy, without asking the database."""
    for name, choices in labels.items():
        if name in form.fields:
            form.fields[name].choices = choices


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
        # No number: codes given out before the word list changed have seven words, new ones ten.
        help_text=_("The words you were shown after sharing, in order."),
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
