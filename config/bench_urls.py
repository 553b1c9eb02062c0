"""The site's URLs plus the two reference views, served only under config.bench_settings."""

from django.urls import include, path

from . import bench_views

urlpatterns = [
    path("bench/constant/", bench_views.constant, name="bench_constant"),
    path("bench/insert/", bench_views.insert_row, name="bench_insert"),
    path("", include("config.urls")),
]
