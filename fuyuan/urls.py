from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("assessment/", include("fuyuan.assessment.urls")),
    path("accounts/", include("fuyuan.accounts.urls")),
    path("units/", include("fuyuan.units.urls")),
    path("audit/", include("fuyuan.audit.urls")),
    path("tasks/", include("tasks.urls")),
    path("meetings/", include("meetings.urls")),
    path("suggestions/", include("suggestions.urls")),
    path("documents/", include("fuyuan.documents.urls")),
    path("cases/", include("cases.urls")),
    path("indicators/", include("indicators.urls")),
    path("calendar/", include("fuyuan.workdays.urls")),
    path("exports/", include("fuyuan.jobs.urls")),
    path("", include("fuyuan.messaging.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "fuyuan.errors.permission_denied"
