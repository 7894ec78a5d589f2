"""Settings for the test suite: the environment's database (SQLite unless DATABASE_URL says so)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SAFEHARBOR_ENV", "test")

from safeharbor.config.settings import *  # noqa: F403
from safeharbor.config.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in memory
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SAFEHARBOR_TEST_DB", "test_safeharbor")}
# Checkpoints written by tests (the worker's pass among them) stay out of the repository's var/.
SAFEHARBOR_AUDIT_CHECKPOINT_DIR = (
    Path(tempfile.gettempdir()) / f"safeharbor-test-checkpoints-{os.getpid()}"
)
