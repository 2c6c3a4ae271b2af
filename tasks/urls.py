from django.urls import path

from . import edit_views, export_views, import_views, views

app_name = "tasks"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("export.xlsx", export_views.export, name="export"),
    path("remind/", views.bulk_remind, name="bulk_remind"),
    path("new/", views.create, name="create"),
    path("plans/import/", import_views.import_plan, name="plan_import"),
    path("import/", import_views.import_tasks, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("queue/", views.queue, name="queue"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", edit_views.edit, name="edit"),
    path("<int:pk>/notice.docx", views.notice_docx, name="notice_docx"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/extension/", views.request_extension, name="request_extension"),
    path("<int:pk>/extension/<int:extension_pk>/decide/", views.decide_extension, name="decide_extension"),
    path("<int:pk>/closure/", views.request_closure, name="request_closure"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/send-back/", views.send_back, name="send_back"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment, name="attachment"),
]
