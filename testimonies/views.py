"""The author's pages: the share form, the receipt, the author's own view and changes, accounts."""

import logging
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.database import deadline
from config.ratelimits import limit_reached, limit_reached_message, limit_status
from config.same_origin import same_origin

from . import selectors, services
from .forms import (
    AccountDeleteForm,
    AppealForm,
    AuthorEditForm,
    ReceiptForm,
    ShareForm,
    WithdrawForm,
    labels_offline,
)
from .labels import labels_during_outage, labels_remember
from .models import Testimony
from .readers import same_for_everyone

logger = logging.getLogger(__name__)


# never_cache: on a shared device, the back button must not bring a typed story back.
# Django's CSRF token guards every form with words. A bare "me too" is guarded instead by what
# the browser says of where it comes from (config.same_origin), as reactions are: its one-tap
# form is also on the wall, a page cached whole for everyone, which cannot carry a visitor's
# token. A forged one could add one count, within the share limits.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def share(request):
    if request.method == "GET":
        with deadline(settings.DATABASE_REQUEST_DEADLINE_SECONDS):
            labels_remember()
        return _share_page(request, ShareForm())
    if not ShareForm.says_only_metoo(request.POST):
        return _share_post_with_token(request)
    if not same_origin(request):
        return render(request, "403_csrf.html", status=403)
    return _share_post(request)


def _share_post(request) -> HttpResponse:
    form = ShareForm(request.POST)
    # Every post counts, before anything is cleaned: a hostile body pays for itself. Valid
    # submissions count again against the stricter "share" limit below. A bare "me too" has
    # nothing to clean or correct: it counts once, against its own, looser limit.
    attempt_scope = "share_metoo" if ShareForm.says_only_metoo(request.POST) else "share_attempt"
    if limit_reached(request, attempt_scope):
        return _share_page(
            request, form, status=429, limited=limit_reached_message(request, attempt_scope)
        )
    if form.caught_by_honeypot():
        # The same page a person sees, so a bot learns nothing; nothing is saved.
        return render(request, "testimonies/share_done.html", {"kind": request.POST.get("kind")})
    try:
        with deadline(settings.DATABASE_REQUEST_DEADLINE_SECONDS):
            return _share_save(request, form)
    except DatabaseError:
        # Nothing is kept: the words go back to the one person who has them.
        logger.warning("A submission could not be saved: the database did not answer")
        labels_offline(form, labels_during_outage())
        return _share_page(request, form, status=503, unsaved=True)


_share_post_with_token = csrf_protect(_share_post)


def _share_save(request, form) -> HttpResponse:
    if not form.is_valid():
        return _share_page(request, form, status=400)
    presend = form.presend_check()
    if presend:
        # Nothing is saved yet: the author sees what may identify someone, and chooses.
        return _share_page(request, form, presend=presend)
    # Counted only once the form is valid: correcting a mistake never uses up the limit.
    if not ShareForm.says_only_metoo(request.POST) and limit_reached(request, "share"):
        return _share_page(
            request, form, status=429, limited=limit_reached_message(request, "share")
        )
    try:
        submission = services.testimony_submit(
            kind=form.cleaned_data["kind"],
            language=form.cleaned_data["language"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            content_warnings=form.cleaned_data["content_warnings"],
            topics=form.cleaned_data["topics"],
            author=request.user if request.user.is_authenticated else None,
            submission_token_hash=form.submission_token_hash(),
        )
    except services.AlreadyReceived:
        return render(request, "testimonies/share_received.html")
    if submission.receipt_code is None and not form.cleaned_data["submission_token"]:
        # A bare "me too" from the wall without JavaScript carries no token to tell a reload
        # from a second tap: the thank-you is a page of its own, so a reload counts nothing.
        counted = HttpResponseRedirect(reverse("testimonies:share_counted"))
        counted.status_code = 303  # See Other: the browser GETs it, and a reload GETs again
        return counted
    # Rendered, not redirected: the receipt code is shown this once and never stored.
    return _share_done(
        request,
        kind=submission.testimony.kind,
        code=submission.receipt_code,
        metoo_count=_metoo_count_after(submission),
    )


@never_cache
@require_GET
def share_counted(request):
    """Where a bare "me too" sent without a token lands after it is counted (see _share_save)."""
    return _share_done(
        request, kind=Testimony.Kind.METOO, code=None, metoo_count=_metoo_count_now()
    )


def _metoo_count_after(submission) -> int | None:
    """How many have said "me too", this one included; None for words (not yet counted), or
    if the database cannot say: the "me too" is saved, and the page must not claim otherwise."""
    if submission.testimony.kind != Testimony.Kind.METOO:
        return None
    return _metoo_count_now()


def _metoo_count_now() -> int | None:
    try:
        return selectors.metoo_count_uncached()
    except DatabaseError:
        logger.warning('The number of "me too"s could not be read after one was counted')
        return None


def _share_page(request, form, *, status=200, **context) -> HttpResponse:
    """The share form, from a copy of the topics and warnings if the database cannot answer."""
    try:
        with deadline(settings.DATABASE_REQUEST_DEADLINE_SECONDS):
            return render(
                request, "testimonies/share.html", {"form": form, **context}, status=status
            )
    except DatabaseError:
        labels_offline(form, labels_during_outage())
        return render(request, "testimonies/share.html", {"form": form, **context}, status=status)


# Where the receipt code and the "one of N" sentence go in a confirmation page rendered ahead
# of time: random, so that no text a page could contain is ever taken for them.
RECEIPT_SLOT = f"receipt-{secrets.token_hex(16)}"
WAVE_SLOT = f"wave-{secrets.token_hex(16)}"


def _wave_sentence(metoo_count: int | None) -> str:
    """Where a "me too" stands in the wave: "You are one of 1,234,567 …"."""
    if metoo_count is None:
        return ""
    return ngettext(
        "You are one of %(count)s person who has said “me too”.",
        "You are one of %(count)s people who have said “me too”.",
        metoo_count,
    ) % {"count": intcomma(metoo_count)}


def _share_done(
    request, *, kind: str, code: str | None, metoo_count: int | None = None
) -> HttpResponse:
    """The confirmation page, with the receipt code shown this once, or for a "me too" where
    it stands in the wave.

    It is the same for every author without an account but for those, so each process
    renders it once per kind and language and puts each new code or number into a copy.
    """
    wave = _wave_sentence(metoo_count)
    context = {"kind": kind, "receipt_code": code, "wave": wave}
    if not same_for_everyone(request):
        return render(request, "testimonies/share_done.html", context)
    page = caches["near"].get_or_set(
        f"share-done:{kind}:{get_language()}",
        lambda: render_to_string(
            "testimonies/share_done.html",
            {**context, "receipt_code": RECEIPT_SLOT, "wave": WAVE_SLOT},
            request,
        ),
        timeout=None,
    )
    page = page.replace(RECEIPT_SLOT, escape(code or "")).replace(WAVE_SLOT, escape(wave))
    return HttpResponse(page)


def csrf_failure(request, reason=""):
    """A refused form keeps its words: the share form comes back filled in, with a plain reason.

    The CSRF cookie can be missing when a session expired or cookies were cleared: the survivor
    must not lose a story to that.
    """
    if request.method == "POST" and request.path == "/share/":
        form = ShareForm(request.POST)
        return _share_page(request, form, status=403, csrf_expired=True)
    return render(request, "403_csrf.html", status=403)


# --- The author's own view: by receipt code, or signed in ------------------------------------


class _Limited(Exception):
    """Too many receipt look-ups from this client."""


def _author_testimony(request, code: str = "", *, withdrawing: bool = False) -> Testimony | None:
    """The testimony this request may manage: owned by the signed-in user, or by receipt code.

    Every code lookup, from /manage/ or from an action, counts against the receipt_lookup
    limit, so codes cannot be guessed through the action URLs either; but withdrawing with a
    valid code always works, even once the limit is used up: only a wrong code counts then.
    """
    public_id = request.POST.get("public_id") or request.GET.get("t")
    if public_id and request.user.is_authenticated:
        return selectors.author_testimonies(user=request.user).filter(public_id=public_id).first()
    if not code:
        return None
    if withdrawing:
        testimony = selectors.testimony_for_receipt(code=code)
        if testimony is None and limit_reached(request, "receipt_lookup"):
            raise _Limited
        return testimony
    if limit_reached(request, "receipt_lookup"):
        raise _Limited
    return selectors.testimony_for_receipt(code=code)


def _lookups_limited(request) -> dict:
    """What a page refused for too many look-ups says: how many there are and when they come
    back, and that withdrawing is still open."""
    status = limit_status(request, "receipt_lookup")
    return {
        "limited": True,
        "lookup_limit": status.limit if status else None,
        "try_again_in": status.resets_in if status else None,
        "withdraw_form": WithdrawForm(),
    }


def _receipt_page(request, form, *, limited=False):
    """The code entry page again: limited (429), or one answer for every unknown code (404)."""
    if limited:
        # The withdrawal form below the message carries the code that was typed.
        code = form.data.get("code", "") if form.is_bound else form.initial.get("code", "")
        context = {"form": form, "code": code, **_lookups_limited(request)}
        return render(request, "testimonies/manage_enter.html", context, status=429)
    return render(
        request, "testimonies/manage_enter.html", {"form": form, "not_found": True}, status=404
    )


# From this many look-ups left, the author's page says how many remain before the pause.
LOOKUPS_LEFT_SHOWN_AT = 3


def _lookups_left(request):
    """How the receipt look-ups of this network stand, for an author who came with a code,
    once few are left (None otherwise: nothing to say yet)."""
    if not request.POST.get("code"):
        return None
    status = limit_status(request, "receipt_lookup")
    return status if status and status.remaining <= LOOKUPS_LEFT_SHOWN_AT else None


def _manage_page(request, testimony, *, status=200, presend=None, **forms):
    context = {
        "testimony": testimony,
        "lookups_left": _lookups_left(request),
        "findings": selectors.author_findings(testimony=testimony),
        "presend": presend,
        "code": request.POST.get("code", ""),
        "edit_form": forms.get("edit_form")
        or AuthorEditForm(
            instance=testimony,
            initial={
                "content_warnings": testimony.content_warnings.all(),
                "topics": testimony.topics.all(),
            },
        ),
        "appeal_form": forms.get("appeal_form") or AppealForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
    }
    return render(request, "testimonies/manage.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request):
    if request.method == "GET" and request.GET.get("t") and request.user.is_authenticated:
        testimony = _author_testimony(request)
        if testimony is None:
            raise Http404
        return _manage_page(request, testimony)
    form = ReceiptForm(request.POST) if request.method == "POST" else ReceiptForm()
    if request.method == "GET" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "testimonies/manage_enter.html", {"form": form}, status=status)
    try:
        testimony = _author_testimony(request, form.cleaned_data["code"])
    except _Limited:
        return _receipt_page(request, form, limited=True)
    if testimony is None:
        return _receipt_page(request, form)
    return _manage_page(request, testimony)


def _author_action(request, apply, form_class, form_key):
    """Find the author's testimony and apply the change; if the database cannot answer, the
    form comes back (503) with every word, to send again in a minute. Nothing is kept."""
    try:
        with deadline(settings.DATABASE_REQUEST_DEADLINE_SECONDS):
            return _author_apply(request, apply, form_class, form_key)
    except DatabaseError:
        logger.warning("An author's change could not be saved: the database did not answer")
        form = form_class(request.POST)
        labels_offline(form, labels_during_outage())
        context = {
            form_key: form,
            "code": request.POST.get("code", ""),
            "testimony": {"public_id": request.POST.get("public_id", "")},
        }
        return render(request, "testimonies/manage_unsaved.html", context, status=503)


def _author_apply(request, apply, form_class, form_key):
    code = request.POST.get("code", "")
    withdrawing = form_class is WithdrawForm
    try:
        testimony = _author_testimony(request, code, withdrawing=withdrawing)
    except _Limited:
        if withdrawing:
            return _receipt_page(request, ReceiptForm(initial={"code": code}), limited=True)
        # An edit or an appeal comes back with every word, to send again later.
        context = {
            form_key: form_class(request.POST),
            "code": code,
            "testimony": {"public_id": request.POST.get("public_id", "")},
            **_lookups_limited(request),
        }
        return render(request, "testimonies/manage_unsaved.html", context, status=429)
    if testimony is None:
        return _receipt_page(request, ReceiptForm(initial={"code": code}))
    form = form_class(request.POST)
    if not form.is_valid():
        return _manage_page(request, testimony, status=400, **{form_key: form})
    return apply(testimony, form)


@never_cache
@require_POST
def manage_edit(request):
    def apply(testimony, form):
        presend = form.presend_check()
        if presend:
            # Nothing is saved yet: the same choice as on the share form.
            return _manage_page(request, testimony, edit_form=form, presend=presend)
        try:
            services.testimony_author_edit(
                testimony=testimony,
                kind=form.cleaned_data["kind"],
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                content_warnings=form.cleaned_data["content_warnings"],
                topics=form.cleaned_data["topics"],
            )
        except (ValidationError, services.EditRefused) as refused:
            # The form comes back with every word in it and the reason, each by its field.
            form.add_error(None, refused if isinstance(refused, ValidationError) else str(refused))
            return _manage_page(request, testimony, status=400, edit_form=form)
        messages.success(request, _("Saved. Your changes will be read by a moderator."))
        return _manage_page(request, testimony)

    return _author_action(request, apply, AuthorEditForm, "edit_form")


@never_cache
@require_POST
def manage_appeal(request):
    def apply(testimony, form):
        try:
            services.testimony_appeal(testimony=testimony, note=form.cleaned_data["note"])
        except services.AppealRefused:
            messages.error(request, _("Only a rejected testimony can be appealed, and only once."))
        else:
            messages.success(request, _("Your appeal was sent. A moderator will look again."))
        return _manage_page(request, testimony)

    return _author_action(request, apply, AppealForm, "appeal_form")


@never_cache
@require_POST
def manage_withdraw(request):
    def apply(testimony, form):
        services.testimony_withdraw(testimony=testimony)
        return render(request, "testimonies/withdrawn.html")

    return _author_action(request, apply, WithdrawForm, "withdraw_form")


# --- Pseudonymous accounts ---------------------------------------------------------------------


@never_cache
@login_required
def my_testimonies(request):
    return render(
        request,
        "testimonies/my_testimonies.html",
        {"testimonies": selectors.author_testimonies(user=request.user)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST) if request.method == "POST" else AccountDeleteForm()
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user, keep_published=form.cleaned_data["keep_published"])
        return render(request, "testimonies/account_deleted.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "testimonies/account_delete.html", {"form": form}, status=status)


@require_GET
def password_forgotten(request):
    """Where "Forgot your password?" leads: accounts have no email address, so this says what
    an author can do instead of asking for one."""
    return render(request, "testimonies/password_forgotten.html")
