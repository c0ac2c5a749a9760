"""Settings: production refuses to start unsafe, local runs need no setup, every variable is documented."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings_env(**extra):
    """This process's environment without any DJANGO_ variable, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra)
    return env


def test_sqlite_holds_concurrent_writers():
    from django.conf import settings

    options = settings.SQLITE_OPTIONS
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        assert settings.DATABASES["default"]["OPTIONS"] is options
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_check_deploy_is_clean_under_production_settings():
    env = _settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.production",
                        DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="www.example.org",
                        DATABASE_URL="sqlite:///:memory:")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_a_weak_secret():
    env = _settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.production", DJANGO_SECRET_KEY="short")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_a_secret():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, capture_output=True, text=True,
        env=_settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.production"),
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_local_settings_generate_a_secret_once_into_an_untracked_file(tmp_path):
    code = (
        f"import gobroad_site.settings.base as b, pathlib; b.BASE_DIR = pathlib.Path({str(tmp_path)!r});"
        "import gobroad_site.settings.local as l; print(l.SECRET_KEY)"
    )
    env = _settings_env()
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert second.stdout.strip() == key
    assert (tmp_path / ".secret_key").read_text().strip() == key
    assert ".secret_key" in (ROOT / ".gitignore").read_text().split()


def test_debug_is_off_unless_asked_for():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = _settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.local", DJANGO_SECRET_KEY="x" * 60)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "False", result.stderr


def test_every_environment_variable_is_documented():
    documented = (ROOT / ".env.example").read_text() + (ROOT / "README.md").read_text()
    used = set()
    for path in (ROOT / "gobroad_site" / "settings").glob("*.py"):
        used.update(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z_]+)"', path.read_text()))
        used.update(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', path.read_text()))
    assert used, "no settings variables found"
    missing = sorted(name for name in used if name not in documented)
    assert not missing, f"undocumented settings variables: {missing}"


def test_several_app_servers_share_postgresql_redis_and_a_bucket_when_the_environment_says_so():
    env = _settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.local",
                        DATABASE_URL="postgres://gobroad:secret@db.internal:5432/gobroad",
                        REDIS_URL="redis://cache.internal:6379/2", S3_BUCKET="gobroad-uploads",
                        S3_ENDPOINT_URL="https://s3.example.org", S3_REGION="eu-central-1")
    script = ("import json, django; django.setup(); from django.conf import settings as s; "
              "print(json.dumps([s.DATABASES['default'], s.CACHES['pages'], s.STORAGES], default=str))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    database, page_cache, storages = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql" and database["HOST"] == "db.internal"
    assert database["CONN_MAX_AGE"] == 600 and database["CONN_HEALTH_CHECKS"] is True
    assert page_cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert page_cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True  # Redis down: pages served uncached
    assert storages["private"]["BACKEND"] == "consult.s3.PrivateS3Storage"
    assert storages["default"]["BACKEND"] == "core.s3.PublicMediaS3Storage"
    assert storages["private"]["OPTIONS"] == {"bucket_name": "gobroad-uploads", "endpoint_url": "https://s3.example.org",
                                              "region_name": "eu-central-1"}


def test_one_host_keeps_uploads_in_folders_and_pages_in_a_file_cache():
    env = _settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.local")
    for name in ("DATABASE_URL", "REDIS_URL", "S3_BUCKET"):
        env.pop(name, None)
    script = ("import json, django; django.setup(); from django.conf import settings as s; "
              "print(json.dumps([s.CACHES['pages']['BACKEND'], s.STORAGES['private']['BACKEND']]))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["core.cache.SharedFileCache",
                                         "consult.storage.PrivateStorage"]
