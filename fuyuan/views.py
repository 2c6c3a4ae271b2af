"""Each role's home page: the one place every daily action starts from."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fuyuan.accounts.roles import Role
from fuyuan.units.models import MemberUnit, RosterPosition


@login_required
def home(request):
    """Render the home page of the user's role."""
    role = request.user.role or "none"
    context = {"role": role}
    if role in (Role.OFFICE, Role.LEADER):
        context["unit_count"] = MemberUnit.objects.active().count()
        context["roster_count"] = RosterPosition.objects.current().count()
    return render(request, f"home/{role}.html", context)
