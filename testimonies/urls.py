from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "testimonies"

urlpatterns = [
    path("", views.wall, name="wall"),
    path("share/", views.share, name="share"),
    path("t/<slug:public_id>/", views.detail, name="detail"),
    path(
        "resources/", TemplateView.as_view(template_name="pages/resources.html"), name="resources"
    ),
    path("safety/", TemplateView.as_view(template_name="pages/safety.html"), name="safety"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "guidelines/",
        TemplateView.as_view(template_name="pages/guidelines.html"),
        name="guidelines",
    ),
]
