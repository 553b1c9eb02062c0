from datetime import timedelta

import pytest
from django.db.models import QuerySet
from django.test import override_settings
from django.utils import timezone

from moderation import services
from moderation.models import AuditEntry, QueueItem, Report, Screening
from testimonies.models import ContentWarning, Testimony
from tests.factories import ModeratorFactory, QueueItemFactory, TestimonyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return ModeratorFactory()


def test_screening_stores_findings_and_puts_the_testimony_in_the_queue():
    testimony = TestimonyFactory(body="Mail me: someone@example.org")
    screening = services.testimony_screen(testimony_id=testimony.pk)
    assert [f["kind"] for f in screening.findings] == ["email"]
    assert screening.risk_score > 0
    item = QueueItem.objects.get(testimony=testimony)
    assert (item.reason, item.is_open) == ("new", True)


def test_screening_twice_stores_one_result_and_one_queue_item():
    testimony = TestimonyFactory()
    services.testimony_screen(testimony_id=testimony.pk)
    services.testimony_screen(testimony_id=testimony.pk)
    assert Screening.objects.count() == 1
    assert QueueItem.objects.count() == 1


def test_screening_a_testimony_that_is_gone_does_nothing():
    assert services.testimony_screen(testimony_id=123456) is None


@override_settings(MODERATION_SURGE_MODE=True)
def test_in_surge_mode_a_clean_statement_is_published_at_once():
    testimony = TestimonyFactory(body="At 19. Me too.")
    services.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED
    assert not QueueItem.objects.exists()
    assert AuditEntry.objects.get().action == "auto_publish"


@override_settings(MODERATION_SURGE_MODE=True)
def test_in_surge_mode_a_statement_with_a_phone_number_still_waits_for_review():
    testimony = TestimonyFactory(body="Call him on +44 20 7946 0958")
    services.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PENDING
    assert QueueItem.objects.filter(testimony=testimony, is_open=True).exists()


@override_settings(MODERATION_SURGE_MODE=True)
def test_in_surge_mode_a_statement_naming_only_a_public_figure_is_published_at_once():
    testimony = TestimonyFactory(body="When Harvey Weinstein was in the news I finally spoke up.")
    screening = services.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    assert [f["kind"] for f in screening.findings] == ["public"]
    assert testimony.status == Testimony.Status.PUBLISHED


@override_settings(MODERATION_SURGE_MODE=True)
@pytest.mark.parametrize(
    "body",
    [
        "My manager at Slater Inc kept texting me.",
        "I grew up in Muncie and he coached the swim team.",
        "It was Hredhaan who cornered me in the stairwell.",
        "his number is 939 693 one five eight two",
    ],
)
def test_in_surge_mode_a_statement_with_a_workplace_town_name_or_spelled_number_waits(body):
    testimony = TestimonyFactory(body=body)
    services.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PENDING
    assert QueueItem.objects.filter(testimony=testimony, is_open=True).exists()


@override_settings(MODERATION_SURGE_MODE=True, MODERATION_SURGE_RISK_THRESHOLD=0.0)
def test_in_surge_mode_a_threshold_of_zero_publishes_nothing_at_once():
    testimony = TestimonyFactory(body="At 19. Me too.")
    services.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PENDING


def test_a_flood_of_the_same_long_story_is_flagged_as_a_duplicate():
    story = " ".join(f"word{i}" for i in range(80))
    first = TestimonyFactory(story=True, body=story)
    second = TestimonyFactory(story=True, body=story.upper())
    services.testimony_screen(testimony_id=first.pk)
    screening = services.testimony_screen(testimony_id=second.pk)
    assert "duplicate" in [f["kind"] for f in screening.findings]


def test_the_same_short_statement_from_many_people_is_never_a_duplicate():
    for _ in range(3):
        testimony = TestimonyFactory(body="Me too. At 14.")
        screening = services.testimony_screen(testimony_id=testimony.pk)
        assert screening.findings == []


def test_claim_next_hands_out_reports_and_appeals_before_new_submissions(moderator):
    new = QueueItemFactory(reason="new")
    report = QueueItemFactory(reason="report")
    assert services.claim_next_item(moderator=moderator) == report
    assert services.claim_next_item(moderator=moderator) == new


def test_claim_next_is_oldest_first_within_a_priority(moderator):
    older = QueueItemFactory()
    QueueItemFactory()
    assert services.claim_next_item(moderator=moderator) == older


def test_a_claimed_item_is_not_handed_to_another_moderator_until_the_lease_expires(moderator):
    item = QueueItemFactory()
    other = ModeratorFactory()
    services.claim_next_item(moderator=moderator)
    assert services.claim_next_item(moderator=other) is None
    QueueItem.objects.filter(pk=item.pk).update(lease_expires_at=timezone.now() - timedelta(1))
    assert services.claim_next_item(moderator=other) == item


def test_a_moderator_cannot_claim_an_item_another_holds(moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    with pytest.raises(services.DecisionRefused, match="Another moderator"):
        services.item_claim(item_id=item.pk, moderator=ModeratorFactory())


def test_approving_publishes_closes_the_item_and_writes_the_audit_log(moderator):
    item = QueueItemFactory()
    testimony = services.decision_approve(
        item_id=item.pk, moderator=moderator, version=item.testimony.version
    )
    assert testimony.status == Testimony.Status.PUBLISHED
    assert testimony.published_on == timezone.now().date()
    item.refresh_from_db()
    assert not item.is_open
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.text_snapshot) == (
        moderator,
        "approve",
        testimony.body,
    )


def test_a_stale_decision_is_refused_not_applied(moderator):
    item = QueueItemFactory()
    seen_version = item.testimony.version
    services.redact_span(
        item_id=item.pk,
        moderator=moderator,
        version=seen_version,
        field="body",
        start=0,
        end=3,
        kind="name",
    )
    with pytest.raises(services.DecisionRefused, match="changed after you opened it"):
        services.decision_reject(
            item_id=item.pk, moderator=moderator, version=seen_version, reason="spam"
        )
    item.testimony.refresh_from_db()
    assert item.testimony.status == Testimony.Status.PENDING


def test_a_decision_on_an_item_already_decided_is_refused(moderator):
    item = QueueItemFactory()
    version = item.testimony.version
    services.decision_approve(item_id=item.pk, moderator=moderator, version=version)
    with pytest.raises(services.DecisionRefused, match="already been decided"):
        services.decision_reject(
            item_id=item.pk, moderator=moderator, version=version, reason="spam"
        )


def test_a_decision_on_an_item_another_moderator_holds_is_refused(moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=ModeratorFactory())
    with pytest.raises(services.DecisionRefused, match="Another moderator"):
        services.decision_approve(item_id=item.pk, moderator=moderator, version=1)


def test_rejecting_keeps_the_reason_and_note_for_the_author(moderator):
    item = QueueItemFactory()
    testimony = services.decision_reject(
        item_id=item.pk,
        moderator=moderator,
        version=1,
        reason="identifies_person",
        note="It names your school.",
    )
    assert testimony.status == Testimony.Status.REJECTED
    assert testimony.rejection_reason == "identifies_person"
    assert testimony.rejection_note == "It names your school."
    assert AuditEntry.objects.get().reason == "identifies_person"


def test_approving_with_edits_and_a_content_warning(moderator):
    item = QueueItemFactory(testimony=TestimonyFactory(body="He was called Tom Baker."))
    warning = ContentWarning.objects.get(slug="harassment")
    testimony = services.decision_approve(
        item_id=item.pk,
        moderator=moderator,
        version=1,
        title="",
        body="He was called [name removed].",
        content_warnings=[warning],
    )
    assert testimony.body == "He was called [name removed]."
    assert list(testimony.content_warnings.all()) == [warning]
    assert AuditEntry.objects.get().action == "approve_edited"


def test_one_click_redaction_replaces_the_span_with_a_placeholder_and_screens_again(moderator):
    testimony = TestimonyFactory(body="Write to someone@example.org today")
    services.testimony_screen(testimony_id=testimony.pk)
    item = QueueItem.objects.get(testimony=testimony)
    finding = testimony.screening.findings[0]
    redacted = services.redact_span(
        item_id=item.pk,
        moderator=moderator,
        version=testimony.version,
        field="body",
        start=finding["start"],
        end=finding["end"],
        kind=finding["kind"],
    )
    assert redacted.body == "Write to [email removed] today"
    assert redacted.version == testimony.version + 1
    assert Screening.objects.get(testimony=testimony).findings == []


def test_escalating_puts_the_item_first_for_someone_else(moderator):
    QueueItemFactory(reason="report")
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    services.decision_escalate(item_id=item.pk, moderator=moderator, version=1, note="Unsure")
    assert services.claim_next_item(moderator=moderator).reason == "report"
    assert services.claim_next_item(moderator=ModeratorFactory()) == item


def test_batch_approval_approves_each_statement_and_skips_stale_ones(moderator):
    items = [QueueItemFactory(screened=True) for _ in range(3)]
    pairs = [(item.pk, 1) for item in items]
    pairs[0] = (items[0].pk, 99)  # seen at another version
    result = services.batch_approve(moderator=moderator, items=pairs)
    assert (result.approved, result.skipped) == (2, 1)
    assert Testimony.objects.filter(status="published").count() == 2


def test_a_report_brings_a_published_testimony_back_to_the_queue():
    testimony = TestimonyFactory(published=True)
    assert services.report_submit(
        testimony=testimony, reason="identifies_person", details="", reader_key="a"
    )
    item = QueueItem.objects.get(testimony=testimony, is_open=True)
    assert item.reason == "report"
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED


def test_the_same_reader_reports_once_and_three_distinct_readers_hide_it():
    testimony = TestimonyFactory(published=True)
    for _ in range(3):
        services.report_submit(testimony=testimony, reason="spam", details="", reader_key="same")
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED
    assert Report.objects.count() == 1
    for key in ("b", "c"):
        services.report_submit(testimony=testimony, reason="spam", details="", reader_key=key)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.HIDDEN
    assert QueueItem.objects.filter(testimony=testimony, is_open=True).count() == 1


def test_approving_a_hidden_reported_testimony_puts_it_back_on_the_wall(moderator):
    testimony = TestimonyFactory(published=True)
    for key in "abc":
        services.report_submit(testimony=testimony, reason="spam", details="", reader_key=key)
    item = QueueItem.objects.get(testimony=testimony, is_open=True)
    testimony.refresh_from_db()
    services.decision_approve(item_id=item.pk, moderator=moderator, version=testimony.version)
    testimony.refresh_from_db()
    assert testimony.status == Testimony.Status.PUBLISHED


def test_the_audit_log_cannot_be_changed_or_deleted_through_the_application(moderator):
    item = QueueItemFactory()
    services.decision_approve(item_id=item.pk, moderator=moderator, version=1)
    entry = AuditEntry.objects.get()
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(note="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().note == ""


def test_rejected_text_is_purged_after_retention_but_the_decision_stays(moderator):
    item = QueueItemFactory(testimony=TestimonyFactory(body="Words to purge"))
    services.testimony_screen(testimony_id=item.testimony.pk)
    services.decision_reject(item_id=item.pk, moderator=moderator, version=1, reason="spam")
    assert services.purge_expired_text() == 0
    Testimony.objects.update(status_changed_at=timezone.now() - timedelta(days=31))
    assert services.purge_expired_text() == 1
    testimony = Testimony.objects.get()
    assert testimony.body == ""
    entry = AuditEntry.objects.get(action="reject")
    assert (entry.text_snapshot, entry.text_purged, entry.reason) == ("", True, "spam")


def test_a_withdrawal_purges_every_text_snapshot_of_it_at_once_and_keeps_the_decisions(moderator):
    from testimonies.services import testimony_withdraw

    item = QueueItemFactory(testimony=TestimonyFactory(body="Withdrawn words, mail me@example.org"))
    other = QueueItemFactory(testimony=TestimonyFactory(body="Someone else's words"))
    services.decision_escalate(item_id=item.pk, moderator=moderator, version=1, note="Quotes me@")
    services.decision_approve(item_id=other.pk, moderator=moderator, version=1)
    testimony_withdraw(testimony=Testimony.objects.get(pk=item.testimony_id))
    entry = AuditEntry.objects.get(action="escalate")
    assert (entry.text_snapshot, entry.note, entry.text_purged) == ("", "", True)
    assert (entry.actor, entry.testimony_public_id) == (moderator, item.testimony.public_id)
    # Another testimony's snapshot is untouched.
    assert AuditEntry.objects.get(action="approve").text_snapshot == "Someone else's words"


def test_snapshots_of_published_testimonies_are_purged_after_the_retention_period(moderator):
    item = QueueItemFactory(testimony=TestimonyFactory(body="Published words"))
    services.decision_approve(item_id=item.pk, moderator=moderator, version=1)
    assert services.purge_expired_snapshots() == 0
    assert AuditEntry.objects.get().text_snapshot == "Published words"
    with override_settings(MODERATION_RETENTION_DAYS=10):
        # The log is append-only for the application: age the entry as time would.
        QuerySet.update(AuditEntry.objects.all(), created_at=timezone.now() - timedelta(days=11))
        assert services.purge_expired_snapshots() == 1
    entry = AuditEntry.objects.get()
    assert (entry.text_snapshot, entry.text_purged, entry.action) == ("", True, "approve")
    # The testimony itself stays on the wall.
    assert Testimony.objects.get().body == "Published words"


def test_the_snapshot_purge_runs_every_hour_from_beat():
    from django.conf import settings

    job = settings.CELERY_BEAT_SCHEDULE["purge-expired-snapshots"]
    assert job["task"] == "moderation.tasks.purge_expired_snapshots"
    assert job["schedule"] <= 3600


def test_expired_claims_are_released(moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    QueueItem.objects.update(lease_expires_at=timezone.now() - timedelta(minutes=1))
    assert services.release_expired_claims() == 1
    item.refresh_from_db()
    assert item.claimed_by is None


def test_a_long_story_is_fingerprinted_once_however_often_screening_asks():
    from moderation.detectors import duplicates

    TestimonyFactory(story=True, body=" ".join(f"earlier{i}" for i in range(80)))
    services.testimony_screen(testimony_id=Testimony.objects.get().pk)
    duplicates.fingerprint.cache_clear()
    story = TestimonyFactory(story=True, body=" ".join(f"word{i}" for i in range(80)))
    screening = services.testimony_screen(testimony_id=story.pk)
    assert screening.fingerprint is not None
    assert duplicates.fingerprint.cache_info().misses == 1


# --- No publish of unreviewed findings by accident -----------------------------------------

PHONE = "Call me on 07700 900123 if it happened to you too."


def screened_item(body: str) -> QueueItem:
    testimony = TestimonyFactory(body=body)
    services.testimony_screen(testimony_id=testimony.pk)
    return QueueItem.objects.get(testimony=testimony, is_open=True)


def test_approving_a_text_with_findings_unconfirmed_publishes_nothing(moderator):
    item = screened_item(PHONE)
    services.item_claim(item_id=item.pk, moderator=moderator)
    with pytest.raises(services.FindingsUnconfirmed) as refused:
        services.decision_approve(item_id=item.pk, moderator=moderator, version=1)
    assert [finding["kind"] for finding in refused.value.findings] == ["phone"]
    item.refresh_from_db()
    assert item.is_open
    assert Testimony.objects.get().status == Testimony.Status.PENDING
    assert not AuditEntry.objects.exists()


def test_a_text_never_screened_is_screened_before_it_can_be_approved(moderator):
    # Made outside the usual flow: queued without a screening (an import, a report on an old
    # testimony). Its phone number still needs the moderator's confirmation.
    testimony = TestimonyFactory(body=PHONE)
    item = services.queue_item_open(testimony=testimony, reason=QueueItem.Reason.REPORT)
    with pytest.raises(services.FindingsUnconfirmed) as refused:
        services.decision_approve(item_id=item.pk, moderator=moderator, version=1)
    assert [finding["kind"] for finding in refused.value.findings] == ["phone"]
    assert Testimony.objects.get().status == Testimony.Status.PENDING


def test_approving_a_text_with_findings_confirmed_publishes_it_as_it_is(moderator):
    item = screened_item(PHONE)
    testimony = services.decision_approve(
        item_id=item.pk, moderator=moderator, version=1, findings_confirmed=True
    )
    assert testimony.status == Testimony.Status.PUBLISHED
    assert testimony.body == PHONE


def test_edits_that_remove_every_finding_need_no_confirmation(moderator):
    item = screened_item(PHONE)
    testimony = services.decision_approve(
        item_id=item.pk, moderator=moderator, version=1, body="Call me if it happened to you too."
    )
    assert testimony.status == Testimony.Status.PUBLISHED


def test_edits_that_bring_in_a_phone_number_need_confirmation(moderator):
    item = screened_item("At 12. Me too.")
    with pytest.raises(services.FindingsUnconfirmed):
        services.decision_approve(item_id=item.pk, moderator=moderator, version=1, body=PHONE)
    testimony = Testimony.objects.get()
    assert (testimony.status, testimony.body) == (Testimony.Status.PENDING, "At 12. Me too.")


def test_batch_approval_refuses_a_statement_with_findings_even_when_posted(moderator):
    flagged, clean = screened_item(PHONE), screened_item("At 12. Me too.")
    result = services.batch_approve(moderator=moderator, items=[(flagged.pk, 1), (clean.pk, 1)])
    assert (result.approved, result.skipped) == (1, 1)
    assert Testimony.objects.get(pk=flagged.testimony_id).status == Testimony.Status.PENDING


def test_batch_approval_refuses_a_statement_never_screened_or_changed_since(moderator):
    never = QueueItemFactory()
    changed = QueueItemFactory(screened=True)
    Testimony.objects.filter(pk=changed.testimony_id).update(version=2)
    result = services.batch_approve(moderator=moderator, items=[(never.pk, 1), (changed.pk, 2)])
    assert (result.approved, result.skipped) == (0, 2)


# --- Redaction that keeps meaning ----------------------------------------------------------


def redact_first_finding(item, moderator, **choice):
    testimony = Testimony.objects.get(pk=item.testimony_id)
    finding = testimony.screening.findings[0]
    return services.redact_span(
        item_id=item.pk,
        moderator=moderator,
        version=testimony.version,
        field="body",
        start=finding["start"],
        end=finding["end"],
        kind=finding["kind"],
        **choice,
    )


def test_a_role_replaces_a_name_and_the_audit_says_what_replaced_what(moderator):
    item = screened_item("My coach Mr Miller told me to stay after practice.")
    testimony = redact_first_finding(item, moderator, replacement="role:a-coach")
    assert testimony.body == "My coach a coach told me to stay after practice."
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REDACT)
    assert entry.note == 'body 9-18 (name) replaced with "a coach"'
    # The log holds no more of the removed words than the text does.
    assert "Miller" not in entry.note + entry.text_snapshot


def test_own_words_replace_a_detail(moderator):
    item = screened_item("My coach Mr Miller told me to stay after practice.")
    testimony = redact_first_finding(item, moderator, own_words="the head coach")
    assert testimony.body == "My coach the head coach told me to stay after practice."
    assert AuditEntry.objects.get().note.endswith('replaced with "the head coach"')


def test_own_words_with_a_number_are_refused_and_nothing_changes(moderator):
    item = screened_item("My coach Mr Miller told me to stay after practice.")
    with pytest.raises(services.DecisionRefused):
        redact_first_finding(item, moderator, own_words="room 12")
    assert Testimony.objects.get().body == "My coach Mr Miller told me to stay after practice."
    assert not AuditEntry.objects.exists()


def test_a_placeholder_is_written_in_the_testimony_s_language(moderator):
    testimony = TestimonyFactory(body="Mi entrenador Mr Miller me dijo que me quedara.")
    Testimony.objects.filter(pk=testimony.pk).update(language="es")
    services.testimony_screen(testimony_id=testimony.pk)
    item = QueueItem.objects.get(testimony=testimony)
    redacted = redact_first_finding(item, moderator)
    assert "[nombre eliminado]" in redacted.body


# --- Releasing a claim ---------------------------------------------------------------------


def test_releasing_a_claim_frees_the_item_at_once_and_is_audited(moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    other = ModeratorFactory()
    assert services.claim_next_item(moderator=other) is None
    services.item_release(item_id=item.pk, moderator=moderator)
    assert services.claim_next_item(moderator=other) == item
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.text_snapshot) == ("release", moderator, "")


def test_only_the_moderator_holding_an_item_can_release_it(moderator):
    item = QueueItemFactory()
    services.item_claim(item_id=item.pk, moderator=moderator)
    with pytest.raises(services.DecisionRefused):
        services.item_release(item_id=item.pk, moderator=ModeratorFactory())
    item.refresh_from_db()
    assert item.claimed_by == moderator
    assert not AuditEntry.objects.exists()
