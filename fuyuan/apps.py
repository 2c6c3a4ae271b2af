from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FuyuanConfig(AppConfig):
    """The project package as an app: the top layer's commands (load_demo) and templates."""

    name = "fuyuan"
    label = "fuyuan"
    default = True


class FuyuanAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "fuyuan.admin_site.FuyuanAdminSite"
