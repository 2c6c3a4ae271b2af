"""Numbers and return addresses from the request, parsed once and validated: a bad value is ignored, never a 500.

`str.isdigit()` accepts "²" and "٣", which `int()` refuses, and says nothing of range; `year=1e5` or a
20-digit pk reach the database as overflow. Every numeric parameter goes through `int_param`.
"""

import re

from django.utils.http import url_has_allowed_host_and_scheme

_INTEGER = re.compile(r"-?[0-9]{1,18}")
YEARS = (2000, 2100)
PK_MAX = 2**63 - 1


def int_param(value, *, default=None, low=None, high=None):
    """`value` as an int if it is ASCII digits within [low, high]; otherwise `default`."""
    if value is None:
        return default
    text = str(value).strip()
    if not _INTEGER.fullmatch(text):
        return default
    number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return default
    return number


def year_param(value, default=None):
    """A calendar year the product deals in (2000–2100), or `default`."""
    return int_param(value, default=default, low=YEARS[0], high=YEARS[1])


def pk_param(value, default=None):
    """A primary key (1 … 2**63-1), or `default`."""
    return int_param(value, default=default, low=1, high=PK_MAX)


def pk_list(values) -> list[int]:
    """The valid primary keys among `values`, in order, without repeats."""
    out = []
    for value in values:
        pk = pk_param(value)
        if pk is not None and pk not in out:
            out.append(pk)
    return out


def safe_next(request, value, fallback):
    """`value` when it is a path on this site (url_has_allowed_host_and_scheme), else `fallback`."""
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return fallback


class RejectNulMiddleware:
    """A NUL character in any query or form value is a 400: PostgreSQL text cannot hold it (a 500 otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import BadRequest

        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest("NUL in the query string")
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            if any("\x00" in value for values in request.POST.lists() for value in values[1]):
                raise BadRequest("NUL in a form value")
        return self.get_response(request)
