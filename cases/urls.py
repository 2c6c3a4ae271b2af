from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("hearings/", views.hearing_list, name="hearings"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.register, name="register"),
    path("import/", views.import_cases, name="import"),
    path("bulletin/", views.bulletin, name="bulletin"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/hearings/add/", views.add_hearing, name="add_hearing"),
    path("hearings/<int:pk>/attendance/", views.report_attendance, name="report_attendance"),
]
