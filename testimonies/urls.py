from django.urls import path
from django.views.generic import TemplateView

from config.middleware import public_page

from . import api, views
from .feeds import LatestTestimoniesFeed

app_name = "testimonies"


def page(name):
    return public_page(TemplateView.as_view(template_name=f"pages/{name}.html"))


urlpatterns = [
    path("", views.wall, name="wall"),
    path("share/", views.share, name="share"),
    path("t/<slug:public_id>/", views.detail, name="detail"),
    path("t/<slug:public_id>/react/", views.react, name="react"),
    path("feed/", public_page(LatestTestimoniesFeed()), name="feed"),
    path("api/v1/testimonies/", api.testimonies_list, name="api_testimonies"),
    path("api/v1/stats/", api.stats, name="api_stats"),
    path("stats/", views.stats, name="stats"),
    path("manage/", views.manage, name="manage"),
    path("manage/edit/", views.manage_edit, name="manage_edit"),
    path("manage/appeal/", views.manage_appeal, name="manage_appeal"),
    path("manage/withdraw/", views.manage_withdraw, name="manage_withdraw"),
    # Before allauth's own /accounts/ URLs, which config/urls.py includes after these.
    path("accounts/testimonies/", views.my_testimonies, name="my_testimonies"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    path("resources/", views.resources, name="resources"),
    path("safety/", page("safety"), name="safety"),
    path("privacy/", page("privacy"), name="privacy"),
    path("guidelines/", page("guidelines"), name="guidelines"),
]
