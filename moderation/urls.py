from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("next/", views.claim_next, name="claim_next"),
    path("batch/", views.batch, name="batch"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("item/<int:item_id>/", views.item, name="item"),
    path("item/<int:item_id>/claim/", views.claim, name="claim"),
    path("item/<int:item_id>/approve/", views.approve, name="approve"),
    path("item/<int:item_id>/reject/", views.reject, name="reject"),
    path("item/<int:item_id>/escalate/", views.escalate, name="escalate"),
    path("item/<int:item_id>/redact/", views.redact, name="redact"),
    path("item/<int:item_id>/release/", views.release, name="release"),
]
