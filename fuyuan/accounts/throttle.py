"""Sign-in failures counted per client address as well as per account.

django-axes locks an account after LOGIN_FAILURE_LIMIT failures; guessing random account names never trips
that, and every guess costs a password hash (~0.4 s of CPU). Axes has one limit for every lockout
parameter, and an office behind one NAT address must not be locked out by five typos of its colleagues, so
the per-address limit is separate and higher (LOGIN_IP_FAILURE_LIMIT within the same cool-off), counted
from the attempts axes already records, and answered before any hashing.
"""

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def throttled(request) -> bool:
    """True when the client address has failed LOGIN_IP_FAILURE_LIMIT sign-ins within the cool-off."""
    from axes.models import AccessAttempt

    limit = settings.LOGIN_IP_FAILURE_LIMIT
    if not limit:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = (AccessAttempt.objects.filter(ip_address=request.META.get("REMOTE_ADDR"), attempt_time__gte=since)
                .aggregate(n=Sum("failures_since_start"))["n"]) or 0
    return failures >= limit
