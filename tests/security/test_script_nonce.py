"""Every script of the layout carries the nonce the Content-Security-Policy header names, a new one per page,
though the layout's asset tags are rendered once per process (fuyuan.context_processors); a fragment that
shows no script draws no nonce."""

import re

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import path, reverse

from fuyuan.urls import urlpatterns as application_urls


def fragment(request):
    return HttpResponse(engines["django"].from_string("<p>{{ user.username }}</p>").render({}, request))


urlpatterns = [*application_urls, path("__fragment/", fragment)]


def nonces(response):
    header = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return header, re.findall(r'<script [^>]*nonce="([^"]*)"', response.content.decode())


def test_the_layouts_scripts_carry_the_headers_nonce_a_new_one_per_page(world):
    client = world.client("gaj")
    seen = set()
    for _ in range(2):
        header, scripts = nonces(client.get(reverse("home")))
        assert len(header) == 1 and len(scripts) == 4 and set(scripts) == set(header)
        seen.add(header[0])
    assert len(seen) == 2


@pytest.mark.urls(__name__)
def test_a_fragment_draws_no_nonce(world):
    response = world.client("gaj").get("/__fragment/")
    assert response.content == b"<p>gaj</p>"
    assert "nonce-" not in response["Content-Security-Policy"]
