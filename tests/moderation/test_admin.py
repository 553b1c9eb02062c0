import pytest
from django.contrib.auth.models import User

from moderation import services
from moderation.models import AuditEntry
from tests.factories import ModeratorFactory, QueueItemFactory

pytestmark = pytest.mark.django_db


def test_administrators_can_read_the_audit_log_but_not_change_or_delete_it(
    client, sign_in_moderator
):
    item = QueueItemFactory()
    services.decision_approve(item_id=item.pk, moderator=ModeratorFactory(), version=1)
    entry = AuditEntry.objects.get()
    sign_in_moderator(client, User.objects.create_superuser("admin"))

    listing = client.get("/admin/moderation/auditentry/")
    assert listing.status_code == 200
    assert entry.testimony_public_id in listing.content.decode()

    change_url = f"/admin/moderation/auditentry/{entry.pk}/change/"
    assert client.post(change_url, {"note": "rewritten"}).status_code == 403
    assert (
        client.post(f"/admin/moderation/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEntry.objects.get().note == ""


def test_every_admin_page_names_the_version_that_is_running(client, sign_in_moderator):
    from config import __version__

    sign_in_moderator(client, User.objects.create_superuser("admin"))
    response = client.get("/admin/")
    assert f"administration {__version__}" in response.content.decode()
