"""Running on one's own machine (`make serve`, `manage.py`): plain HTTP, DEBUG off
unless DJANGO_DEBUG says otherwise, and a secret key generated once into an
untracked file when DJANGO_SECRET_KEY is not set."""

import os
import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR


def _local_secret_key():
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _local_secret_key()
