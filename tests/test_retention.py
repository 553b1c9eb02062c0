"""Retention that matches the words: a withdrawal leaves the text nowhere in the database, and
the privacy page states every place text is kept, for as long as the settings keep it."""

import re
from html import unescape as html_unescape

import pytest
from django.test import Client, override_settings

from moderation import services as moderation
from moderation.models import AuditEntry, QueueItem
from testimonies.models import Testimony
from tests.factories import ModeratorFactory
from tests.test_privacy import database_dump
from wall.caching import TIMEOUT

pytestmark = pytest.mark.django_db

TITLE = "Quillmarker title of the night shift"
WORDS = (
    "Zanzibarmarker: it was the kitchen manager, write to witness.zq@example.org or 07700 900123"
)
EDITED = "Xylophonemarker: the same story, told again after an edit"
# Every distinctive piece of what the author wrote, as any table might hold it.
PIECES = (
    "quillmarker",
    "zanzibarmarker",
    "witness.zq@example.org",
    "07700 900123",
    "xylophonemarker",
)


def receipt_code(html: str) -> str:
    return re.search(r'class="receipt__code"><code>(.*?)</code>', html).group(1)


def test_a_withdrawal_leaves_the_text_in_no_table(on_postgres):
    author, reader = Client(REMOTE_ADDR="192.0.2.10"), Client(REMOTE_ADDR="198.51.100.20")
    moderator = ModeratorFactory()
    story = {"kind": "story", "title": TITLE, "body": WORDS, "topics": []}
    notice = author.post("/share/", story).content.decode()
    # The email and the number are marked before sending; the author sends it as it is.
    send_as_is = re.search(r'name="send_as_is" value="([^"]*)"', notice).group(1)
    html = author.post("/share/", {**story, "send_as_is": html_unescape(send_as_is)})
    code = receipt_code(html.content.decode())
    testimony = Testimony.objects.get()

    # Screened (its findings hold the email and the phone number), the number replaced with
    # the moderator's own words (which quote it), approved with a note that quotes it, shown
    # on the wall, reported by a reader who quotes it, escalated, edited by its author,
    # approved again: copies of the words now sit in many tables.
    moderation.testimony_screen(testimony_id=testimony.pk)
    item = QueueItem.objects.get(is_open=True)
    number = WORDS.index("07700")
    testimony = moderation.redact_span(
        item_id=item.pk,
        moderator=moderator,
        version=1,
        field="body",
        start=number,
        end=number + len("07700 900123"),
        kind="phone",
        own_words="the Quillmarker line",
    )
    moderation.decision_approve(
        item_id=item.pk,
        moderator=moderator,
        version=testimony.version,
        note="Zanzibarmarker is fine",
        findings_confirmed=True,
    )
    testimony.refresh_from_db()
    assert "Zanzibarmarker" in reader.get(f"/t/{testimony.public_id}/").content.decode()
    assert "Zanzibarmarker" in reader.get("/", {"q": "kitchen"}).content.decode()
    reader.post(
        f"/t/{testimony.public_id}/report/",
        {"reason": "identifies_person", "details": "It says Zanzibarmarker and 07700 900123"},
    )
    item = QueueItem.objects.get(is_open=True)
    moderation.decision_escalate(
        item_id=item.pk, moderator=moderator, version=testimony.version, note="quillmarker?"
    )
    edited = author.post(
        "/manage/edit/", {"code": code, "kind": "story", "title": TITLE, "body": EDITED}
    )
    assert edited.status_code == 200
    moderation.testimony_screen(testimony_id=testimony.pk)
    testimony.refresh_from_db()
    item = QueueItem.objects.get(is_open=True)
    moderation.decision_approve(
        item_id=item.pk,
        moderator=ModeratorFactory(),
        version=testimony.version,
        findings_confirmed=True,
    )
    before = database_dump().lower()
    assert all(piece in before for piece in PIECES), "the journey did not store every piece"

    response = author.post("/manage/withdraw/", {"code": code, "confirm": "on"})
    assert response.status_code == 200

    after = database_dump().lower()
    assert [piece for piece in PIECES if piece in after] == []
    # The decisions stay, without their text.
    entries = AuditEntry.objects.filter(testimony_public_id=testimony.public_id)
    assert entries.count() == 4
    assert {(e.text_snapshot, e.note, e.text_purged) for e in entries} == {("", "", True)}


def privacy_text(client) -> str:
    html = client.get("/privacy/").content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


@pytest.mark.parametrize("days", [30, 7, 1])
def test_the_privacy_page_states_the_retention_period_the_settings_enforce(client, days):
    from moderation.app_settings import app_settings

    with override_settings(MODERATION_RETENTION_DAYS=days):
        text = privacy_text(client)
        assert app_settings.RETENTION.days == days
    unit = "day" if days == 1 else "days"
    # The testimony's words once rejected, the audit log's copies, and the backups.
    assert f"its words are deleted {days} {unit} after that decision" in text
    assert f"the copy is deleted {days} {unit} after the decision, published or not" in text
    assert f"keep none longer than {days} {unit}" in text
    assert "every copy and note about it is deleted at once" in text
    others = {30, 7, 1} - {days}
    assert not any(f" {other} day" in text for other in others)


def test_the_privacy_page_states_how_long_public_pages_stay_in_memory(client, settings):
    settings.PUBLIC_CACHE_NEAR_SECONDS = 3.0
    text = privacy_text(client)
    assert "is no longer shown after 3 seconds" in text
    assert f"gone from memory within {TIMEOUT // 60} minutes" in text


def test_the_privacy_page_names_every_place_words_are_kept(client):
    text = privacy_text(client)
    for place in (
        "The testimony itself",
        "The automatic check\u2019s findings",
        "The moderators\u2019 audit log",
        "Readers\u2019 reports",
        "Copies of public pages in our servers\u2019 memory",
        "Backups of the database",
        "Outside this site",
    ):
        assert place in text
