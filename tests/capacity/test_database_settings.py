"""PostgreSQL runs the application's queries without JIT compilation (it costs more than it saves here)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_jit_is_off_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
