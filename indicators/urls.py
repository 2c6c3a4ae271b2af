from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_page, name="page"),
    path("settings/", views.indicator_settings, name="settings"),
    path("link/", views.link, name="link"),
]
