from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.assessment, name="page"),
    path("export.xlsx", views.export, name="export"),
    path("notice.docx", views.notice, name="notice"),
    path("adjust/", views.adjust, name="adjust"),
    path("adjustments/<int:pk>/document", views.adjustment_document, name="adjustment_document"),
    path("publish/", views.publish, name="publish"),
    path("bulletin/", views.bulletin, name="bulletin"),
]
