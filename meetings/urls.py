from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.create, name="create"),
    path("attendance/", views.attendance, name="attendance"),
    path("groups/", views.groups, name="groups"),
    path("types/", views.types, name="types"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.respond, name="respond"),
    path("<int:pk>/attendance/", views.record_attendance, name="record_attendance"),
    # Recording has its own address: <pk>/minutes/ is the printable minutes page (document, kind "minutes").
    path("<int:pk>/minutes/record/", views.record_minutes, name="record_minutes"),
    path("<int:pk>/decisions/", views.add_decision, name="add_decision"),
    path("<int:pk>/decisions/confirm/", views.confirm_decisions, name="confirm_decisions"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/<str:kind>/", views.document, name="document"),
    path("<int:pk>/<str:kind>.docx", views.document_docx, name="document_docx"),
]
