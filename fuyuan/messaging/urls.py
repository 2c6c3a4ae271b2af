from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("m/<str:token>/", views.open_message, name="open"),
    path("messages/", views.delivery_list, name="list"),
    path("messages/escalations/<int:pk>/handled/", views.escalation_handled, name="escalation_handled"),
    path("messages/units/<int:pk>/", views.unit_contacts, name="unit_contacts"),
    path("messages/mobile/", views.my_mobile, name="my_mobile"),
]
