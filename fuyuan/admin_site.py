"""An admin site only the system administrator enters; everyone else gets 403, not a second login form."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from fuyuan.accounts.roles import Role, has_role


class FuyuanAdminSite(admin.AdminSite):
    site_header = _("Fuyuan joint-linkage supervision platform — accounts")
    site_title = _("Fuyuan administration")
    index_title = _("Account administration")

    def has_permission(self, request):
        return has_role(request.user, Role.SYSADMIN)

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        guarded.__wrapped__ = inner
        return guarded
