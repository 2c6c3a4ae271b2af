from django.urls import path

from . import views

app_name = "suggestions"
urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("stats/", views.stats, name="stats"),
    path("new/", views.register, name="register"),
    path("new/deadline/", views.register_preview, name="register_preview"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("<int:pk>/return/", views.return_for_more, name="return"),
    path("<int:pk>/deadline/", views.change_deadline, name="deadline"),
    path("<int:pk>/files/reply/<int:file_pk>/", views.reply_attachment, name="reply_attachment"),
    path("<int:pk>/files/<str:which>/", views.attachment, name="attachment"),
]
