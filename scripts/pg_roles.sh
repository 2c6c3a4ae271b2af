#!/usr/bin/env bash
# Two PostgreSQL roles for Fuyuan: the owner (migrations) and the application role (the web), then migrate.
#   scripts/pg_roles.sh OWNER_URL APP_ROLE APP_PASSWORD
# Prints the DATABASE_URL the application must use. Run again after an upgrade: it is idempotent.
# OWNER_URL's role must own the database and may create roles (CREATEROLE), or be the superuser.
set -euo pipefail
cd "$(dirname "$0")/.."
owner_url="$1"; role="$2"; password="$3"
python="${PYTHON:-.venv/bin/python}"
# Create the role (LOGIN only) and migrate as the owner; post_migrate grants the role its rights.
DATABASE_URL="$owner_url" "$python" manage.py grant_app_role "$role" --password "$password" --database default
DATABASE_URL="$owner_url" DATABASE_MIGRATE_URL="$owner_url" DATABASE_APP_ROLE="$role" "$python" manage.py migrate --noinput
DATABASE_URL="$owner_url" "$python" manage.py grant_app_role "$role" --database default
# The application's URL: same host and database, the application role's name and password.
"$python" - "$owner_url" "$role" "$password" <<'PY'
import sys
from urllib.parse import quote, urlsplit, urlunsplit
url, role, password = sys.argv[1:]
parts = urlsplit(url)
host = parts.hostname + (f":{parts.port}" if parts.port else "")
print(urlunsplit((parts.scheme, f"{quote(role)}:{quote(password)}@{host}", parts.path, parts.query, "")))
PY
