from django.urls import path
from django.views.generic import TemplateView

from config.middleware import public_page

from . import api, views
from .feeds import LatestTestimoniesFeed

app_name = "wall"


def page(name):
    return public_page(TemplateView.as_view(template_name=f"pages/{name}.html"))


urlpatterns = [
    path("", views.wall, name="wall"),
    path("t/<slug:public_id>/", views.detail, name="detail"),
    path("t/<slug:public_id>/react/", views.react, name="react"),
    path("feed/", public_page(LatestTestimoniesFeed()), name="feed"),
    path("api/v1/testimonies/", api.testimonies_list, name="api_testimonies"),
    path("api/v1/stats/", api.stats, name="api_stats"),
    path("api/v1/count/", api.count, name="api_count"),
    path("stats/", views.stats, name="stats"),
    path("resources/", views.resources, name="resources"),
    path("safety/", page("safety"), name="safety"),
    path("privacy/", views.privacy, name="privacy"),
    path("guidelines/", page("guidelines"), name="guidelines"),
]
