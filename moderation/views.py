"""The moderators' queue and tools at /moderation/, and the readers' report form."""

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from config.ratelimits import LIMIT_REACHED_MESSAGE, limit_reached
from testimonies.readers import reader_key
from wall import selectors as wall_selectors

from . import replacements, selectors, services
from .access import moderator_required
from .app_settings import app_settings
from .forms import ApproveForm, EscalateForm, RedactForm, RejectForm, ReportForm
from .models import QueueItem


@moderator_required
def queue(request):
    reason = request.GET.get("list")
    if reason not in QueueItem.Reason.values:
        reason = None
    return render(
        request,
        "moderation/queue.html",
        {
            "sizes": selectors.queue_sizes(),
            "items": selectors.open_items(reason=reason)[:100],
            "current_list": reason,
            "reasons": QueueItem.Reason.choices,
        },
    )


@moderator_required
@require_POST
def claim_next(request):
    reason = request.POST.get("list")
    if reason not in QueueItem.Reason.values:
        reason = None
    item = services.claim_next_item(moderator=request.user, reason=reason)
    if item is None:
        messages.info(request, _("The queue is empty. Thank you."))
        return redirect("moderation:queue")
    return redirect("moderation:item", item_id=item.pk)


@moderator_required
@require_POST
def claim(request, item_id):
    try:
        services.item_claim(item_id=item_id, moderator=request.user)
    except services.DecisionRefused as refused:
        messages.error(request, str(refused))
        return redirect("moderation:queue")
    return redirect("moderation:item", item_id=item_id)


@moderator_required
@require_http_methods(["GET"])
def item(request, item_id):
    queue_item = get_object_or_404(
        QueueItem.objects.select_related("testimony", "claimed_by", "escalated_by"), pk=item_id
    )
    return _render_item(request, queue_item)


def _render_item(request, queue_item, *, forms=None, unconfirmed=None, status=200):
    """The item page; unconfirmed is the refusal of an approval whose findings were not
    confirmed: the page comes back with the text open and the box to tick under it."""
    testimony = queue_item.testimony
    screening = getattr(testimony, "screening", None)
    findings = screening.findings if screening else []
    forms = forms or {}
    initial = {"version": testimony.version}
    title_segments = selectors.highlighted(testimony.title, findings, field="title")
    body_segments = selectors.highlighted(testimony.body, findings, field="body")
    return render(
        request,
        "moderation/item.html",
        {
            "item": queue_item,
            "testimony": testimony,
            "screening": screening,
            "findings": findings,
            "duplicate": any(f["kind"] == "duplicate" for f in findings),
            "title_segments": title_segments,
            "body_segments": body_segments,
            "redactions": selectors.redactions(
                [*title_segments, *body_segments], language=testimony.language
            ),
            "own_words_max": replacements.OWN_WORDS_MAX_LENGTH,
            "unconfirmed": unconfirmed,
            "reports": testimony.reports.order_by("created_at")[:20],
            "mine": queue_item.claimed_by_id == request.user.pk,
            "holding": queue_item.holder_id == request.user.pk,
            # Bound only when the edits were posted: a refused "as it is" must not empty them.
            "approve_form": forms.get("approve_edits")
            or ApproveForm(
                initial={
                    **initial,
                    "title": testimony.title,
                    "body": testimony.body,
                    "content_warnings": testimony.content_warnings.all(),
                }
            ),
            "edits_open": "approve_edits" in forms,
            "reject_form": forms.get("reject") or RejectForm(initial=initial),
            "escalate_form": forms.get("escalate") or EscalateForm(initial=initial),
        },
        status=status,
    )


def _decide(request, item_id, form_class, form_key, apply):
    """Validate a decision form, apply it, and come back with a plain message either way."""
    queue_item = get_object_or_404(QueueItem.objects.select_related("testimony"), pk=item_id)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render_item(request, queue_item, forms={form_key: form}, status=400)
    try:
        message = apply(form.cleaned_data)
    except services.FindingsUnconfirmed as unconfirmed:
        # Nothing was published: the text comes back open, with the box to tick under it.
        return _render_item(
            request, queue_item, forms={form_key: form}, unconfirmed=unconfirmed, status=400
        )
    except services.EditInvalid as invalid:
        # The moderator's edits stay in the form, with the reason above it.
        form.add_error(None, str(invalid))
        return _render_item(request, queue_item, forms={form_key: form}, status=400)
    except services.DecisionRefused as refused:
        messages.error(request, str(refused))
        return redirect("moderation:item", item_id=item_id)
    messages.success(request, message)
    if request.POST.get("then") == "next":
        next_item = services.claim_next_item(moderator=request.user)
        if next_item:
            return redirect("moderation:item", item_id=next_item.pk)
    return redirect("moderation:queue")


@moderator_required
@require_POST
def approve(request, item_id):
    edit = request.POST.get("with_edits") == "1"

    def apply(data):
        services.decision_approve(
            item_id=item_id,
            moderator=request.user,
            version=data["version"],
            title=data["title"] if edit else None,
            body=data["body"] if edit else None,
            content_warnings=data["content_warnings"] if edit else None,
            note=data["note"],
            findings_confirmed=data["confirm_findings"],
        )
        return _("Approved and published.")

    form_key = "approve_edits" if edit else "approve"
    return _decide(request, item_id, ApproveForm, form_key, apply)


@moderator_required
@require_POST
def reject(request, item_id):
    def apply(data):
        services.decision_reject(
            item_id=item_id,
            moderator=request.user,
            version=data["version"],
            reason=data["reason"],
            note=data["note"],
        )
        return _("Rejected. The author can read the reason with their receipt.")

    return _decide(request, item_id, RejectForm, "reject", apply)


@moderator_required
@require_POST
def escalate(request, item_id):
    def apply(data):
        services.decision_escalate(
            item_id=item_id, moderator=request.user, version=data["version"], note=data["note"]
        )
        return _("Escalated to another moderator.")

    return _decide(request, item_id, EscalateForm, "escalate", apply)


@moderator_required
@require_POST
def redact(request, item_id):
    form = RedactForm(request.POST)
    if not form.is_valid():
        errors = form.errors.get("own_words") or [
            _("That redaction could not be read; nothing was changed.")
        ]
        messages.error(request, errors[0])
        return redirect(reverse("moderation:item", kwargs={"item_id": item_id}) + "#text")
    try:
        services.redact_span(item_id=item_id, moderator=request.user, **form.cleaned_data)
    except services.DecisionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Replaced. Check the text again before deciding."))
    return redirect(reverse("moderation:item", kwargs={"item_id": item_id}) + "#text")


@moderator_required
@require_POST
def release(request, item_id):
    try:
        services.item_release(item_id=item_id, moderator=request.user)
    except services.DecisionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Released: the item is back in the queue for anyone to take."))
    return redirect("moderation:queue")


# The batch page signs the list of items it shows; a POST approves only items from that list.
BATCH_SALT = "moderation.batch"


@moderator_required
@require_http_methods(["GET", "POST"])
def batch(request):
    if request.method == "POST":
        listed = _listed_on_batch_page(request)
        if listed is None:
            messages.error(request, _("That page was too old to use. Here is the batch again."))
            return redirect("moderation:batch")
        pairs = []
        for value in request.POST.getlist("items"):
            item_id, _sep, version = value.partition(":")
            if item_id.isdigit() and version.isdigit():
                pairs.append((int(item_id), int(version)))
        # An id the page did not list is skipped, never approved.
        offered = [pair for pair in pairs if pair[0] in listed]
        result = services.batch_approve(moderator=request.user, items=offered)
        skipped = result.skipped + len(pairs) - len(offered)
        messages.success(
            request,
            _("Approved: %(approved)d. Skipped because they changed or were taken: %(skipped)d.")
            % {"approved": result.approved, "skipped": skipped},
        )
        return redirect("moderation:batch")
    items = selectors.batch_candidates()
    listed = signing.dumps(
        {"by": request.user.pk, "items": [item.pk for item in items]}, salt=BATCH_SALT
    )
    return render(request, "moderation/batch.html", {"items": items, "listed": listed})


def _listed_on_batch_page(request) -> set[int] | None:
    """The item ids the batch page showed this moderator, if its signature holds."""
    try:
        listed = signing.loads(
            request.POST.get("listed", ""),
            salt=BATCH_SALT,
            max_age=app_settings.CLAIM_LEASE.total_seconds(),
        )
    except signing.BadSignature:
        return None
    if not isinstance(listed, dict) or listed.get("by") != request.user.pk:
        return None
    return {item_id for item_id in listed.get("items", []) if isinstance(item_id, int)}


@moderator_required
def dashboard(request):
    return render(request, "moderation/dashboard.html", selectors.dashboard_figures())


# --- Readers' reports (public) ----------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def report(request, public_id):
    testimony = wall_selectors.testimony_for_public(public_id=public_id)
    if testimony is None:
        raise Http404
    form = ReportForm(request.POST) if request.method == "POST" else ReportForm()
    if request.method == "POST" and form.is_valid():
        if limit_reached(request, "report"):
            return render(
                request,
                "moderation/report.html",
                {"testimony": testimony, "form": form, "limited": LIMIT_REACHED_MESSAGE},
                status=429,
            )
        services.report_submit(
            testimony=testimony,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            reader_key=reader_key(request),
        )
        # The same thanks whether or not this reader had reported it before.
        return render(request, "moderation/report_done.html", {"testimony": testimony})
    status = 400 if request.method == "POST" else 200
    return render(
        request, "moderation/report.html", {"testimony": testimony, "form": form}, status=status
    )
