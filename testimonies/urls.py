from django.urls import path

from . import views

app_name = "testimonies"

urlpatterns = [
    path("share/", views.share, name="share"),
    path("share/counted/", views.share_counted, name="share_counted"),
    path("manage/", views.manage, name="manage"),
    path("manage/edit/", views.manage_edit, name="manage_edit"),
    path("manage/appeal/", views.manage_appeal, name="manage_appeal"),
    path("manage/withdraw/", views.manage_withdraw, name="manage_withdraw"),
    # Before allauth's own /accounts/ URLs, which config/urls.py includes after these.
    path("accounts/testimonies/", views.my_testimonies, name="my_testimonies"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    # Instead of allauth's reset by email: accounts have no email address.
    path("accounts/password/reset/", views.password_forgotten, name="password_forgotten"),
]
