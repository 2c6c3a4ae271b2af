"""Sign-in pages, password change, and the security admin's role and policy pages."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from fuyuan.audit.services import record_event

from .forms import OwnPasswordChangeForm, RoleForm
from .models import User
from .roles import Role, role_required
from .services import AccountRefused, assign_role
from .throttle import throttled


class SignInForm(AuthenticationForm):
    """The sign-in form; its error names the field as the page does (账号), not the model's 用户名."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": gettext_lazy(
        "The account or password is incorrect. Both are case-sensitive.")}


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Answer a flooding address before any password is hashed: the check is one indexed query.
        if throttled(request):
            return render(request, "registration/throttled.html", status=429)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event("password_changed", request=self.request, actor=self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return response


@role_required(Role.SECADMIN)
def role_list(request):
    """Every account with its role and unit."""
    accounts = User.objects.select_related("unit").order_by("role", "unit__order", "username")
    return render(request, "accounts/role_list.html", {"accounts": accounts})


@role_required(Role.SECADMIN)
def role_edit(request, pk):
    """Assign one account's role and unit."""
    account = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST or None, initial={"role": account.role, "unit": account.unit})
    if request.method == "POST" and form.is_valid():
        try:
            assign_role(account=account, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"],
                        by=request.user)
        except AccountRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The role of %(name)s has been saved.") % {"name": account})
            return redirect("accounts_roles")
    return render(request, "accounts/role_edit.html", {"account": account, "form": form})


@role_required(Role.SECADMIN)
def policy(request):
    """The security policy in force; values come from the environment (see .env.example)."""
    rows = [
        (_("Minimum password length"), settings.PASSWORD_MIN_LENGTH, "PASSWORD_MIN_LENGTH"),
        (_("Character classes required (of 4)"), settings.PASSWORD_MIN_CHARACTER_CLASSES,
         "PASSWORD_MIN_CHARACTER_CLASSES"),
        (_("Password expires after (days)"), settings.PASSWORD_MAX_AGE_DAYS, "PASSWORD_MAX_AGE_DAYS"),
        (_("Failed sign-ins before lockout"), settings.AXES_FAILURE_LIMIT, "LOGIN_FAILURE_LIMIT"),
        (_("Lockout (minutes)"), int(settings.AXES_COOLOFF_TIME.total_seconds() // 60), "LOGIN_LOCKOUT_MINUTES"),
        (_("Idle sign-out (minutes)"), settings.SESSION_IDLE_TIMEOUT_MINUTES, "SESSION_IDLE_TIMEOUT_MINUTES"),
    ]
    return render(request, "accounts/policy.html", {"rows": rows})


@role_required(Role.SYSADMIN)
def account_import(request):
    """Accounts from Excel (用户名, 姓名, 单位, 电话, 邮箱), without roles: the security administrator grants those."""
    from fuyuan.lib.import_views import excel_import_page

    from . import importing

    def save(accounts):
        return {"created": importing.create_accounts(accounts=accounts, by=request.user)}

    return excel_import_page(
        request, title=_("Import accounts from Excel"),
        help_text=_("Columns: 用户名, 姓名, 单位, 电话, 邮箱. "
                    "Roles are granted afterwards by the security administrator."),
        validate=importing.validate, save=save, template_url=reverse("accounts_import_template"))


@role_required(Role.SYSADMIN)
def account_import_template(request):
    """The blank accounts workbook: header, an example row, a drop-down of the member units."""
    from fuyuan.lib.import_templates import template, template_response, unit_names

    from . import importing

    headers = list(importing.LABELS.values())
    data = template(title="账号", headers=headers, example=["zhangsan", "张三", "旗司法局", "13800000000",
                                                         "zhangsan@example.gov.cn"],
                    lists={importing.LABELS["unit"]: unit_names()})
    return template_response(data, "账号导入模板.xlsx")


class TokenForm(forms.Form):
    token = forms.CharField(label=_lazy("Code"), max_length=16, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "form-control", "autofocus": True}))


def _second_factor_failed(request):
    """A wrong code counts as a failed sign-in (axes); once the account is locked the session ends."""
    from axes.handlers.proxy import AxesProxyHandler
    from django.contrib.auth import logout
    from django.contrib.auth.signals import user_login_failed

    credentials = {"username": request.user.username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return render(request, "registration/locked_out.html", status=429)
    return None


@login_required
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a first code."""
    from . import otp

    if otp.user_has_device(request.user):
        return redirect("otp_verify")
    device = otp.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = otp.confirm(request=request, device=device, token=form.cleaned_data["token"].strip())
        if codes is not None:
            return render(request, "registration/otp_codes.html", {"codes": codes})
        locked = _second_factor_failed(request)
        if locked:
            return locked
        form.add_error("token", _("The code is wrong or has expired; enter the current one."))
    return render(request, "registration/otp_setup.html", {
        "form": form, "qr": mark_safe(otp.qr_svg(device)), "secret": otp.secret_text(device)})  # noqa: S308


@login_required
def otp_verify(request):
    """The second step of signing in: a code from the app, or one of the recovery codes."""
    from django_otp import login as otp_login
    from django_otp import match_token

    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            from .otp import passed

            passed(request)
            record_event("otp_verified", request=request, actor=request.user,
                         detail={"method": "recovery" if device.name == "recovery" else "totp"})
            return redirect(settings.LOGIN_REDIRECT_URL)
        locked = _second_factor_failed(request)
        if locked:
            return locked
        form.add_error("token", _("The code is wrong or has expired; enter the current one."))
    return render(request, "registration/otp_verify.html", {"form": form})


@role_required(Role.SECADMIN)
@require_POST
def otp_reset(request, pk):
    """The security administrator removes an account's second factor (lost phone); audited."""
    from . import otp
    from .services import is_other_administrator

    account = get_object_or_404(User, pk=pk)
    if account.pk == request.user.pk or is_other_administrator(request.user, account):
        raise PermissionDenied  # an administrator's credentials are not reset by one administrator (三员分立)
    otp.reset(account=account, by=request.user, request=request)
    messages.success(request, _("The second factor of %(name)s has been reset.") % {"name": account})
    return redirect("accounts_role_edit", pk=account.pk)
