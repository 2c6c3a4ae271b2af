from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("roles/", views.role_list, name="accounts_roles"),
    path("roles/<int:pk>/", views.role_edit, name="accounts_role_edit"),
    path("policy/", views.policy, name="accounts_policy"),
    path("import/", views.account_import, name="accounts_import"),
    path("import/template.xlsx", views.account_import_template, name="accounts_import_template"),
    path("otp/", views.otp_verify, name="otp_verify"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("roles/<int:pk>/otp-reset/", views.otp_reset, name="accounts_otp_reset"),
]
