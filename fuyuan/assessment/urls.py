from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.assessment, name="page"),
    path("export.xlsx", views.export, name="export"),
    path("bulletin/", views.bulletin, name="bulletin"),
]
