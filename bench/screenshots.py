"""`make screenshots`: every page type at 390 and 1,280 CSS px in each language, whole pages
as PNGs in bench/screenshots/ (ignored by git), taken in the system Chromium from gunicorn as
`make serve` runs it, on a copy of the demo database; then the staff pages editors and
coordinators work in, signed in as a staff user added to that copy, in each language.

    .venv/bin/python -m bench.screenshots
"""

import os
import secrets
import shutil
import sqlite3
import sys

from bench.run import STORY
from bench.site_server import BENCH, WORK, SiteServer, copy_of_demo_database, manage, raise_on_sigterm

OUT = BENCH / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}
LANGUAGES = ["en", "zh-hans", "ru"]
# (name, address after the language prefix)
PAGE_TYPES = [
    ("home", ""), ("condition-list", "conditions/"), ("condition", "conditions/multiple-myeloma/"),
    ("treatment-list", "treatments/"), ("treatment", "treatments/car-t-cell-therapy/"),
    ("story-list", "stories/"), ("story-list-filtered", "stories/?condition=multiple-myeloma"),
    ("story", STORY), ("doctor-list", "doctors/"), ("doctor", "doctors/su-li/"),
    ("hospital-list", "hospitals/"), ("hospital", "hospitals/beijing-boren-hospital/"),
    ("international-patients", "international-patients/"), ("contact", "contact/"),
    ("about-our-data", "about-our-data/"), ("privacy", "privacy/"), ("accessibility", "accessibility/"),
    ("consult", "consult/"), ("consult-thanks", "consult/thanks/"), ("consult-status", "consult/status/"),
    ("search", "search/?q=myeloma"),
    ("not-found", "no-such-page/"),
]

# (name, address after the admin's); "{condition}" is the myeloma page's id. The staff site's
# language is the browser's.
STAFF_PAGES = [("staff-home", ""), ("staff-condition", "conditions/condition/{condition}/change/"),
               ("staff-requests", "consult/consultrequest/")]
BROWSER_LOCALES = {"en": "en-GB", "zh-hans": "zh-CN", "ru": "ru-RU"}


def add_staff_user(database):
    """A superuser in the copy of the database, and the password to sign in with."""
    password = secrets.token_urlsafe(16)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}",
           "DJANGO_SETTINGS_MODULE": "gobroad_site.settings.local", "DJANGO_SUPERUSER_USERNAME": "screenshots",
           "DJANGO_SUPERUSER_PASSWORD": password, "DJANGO_SUPERUSER_EMAIL": "screenshots@example.org"}
    manage("createsuperuser", "--noinput", env=env)
    return "screenshots", password


def staff_screenshots(browser, server, database):
    username, password = add_staff_user(database)
    with sqlite3.connect(database) as connection:
        (condition,) = connection.execute(
            "SELECT id FROM conditions_condition WHERE slug = 'multiple-myeloma'").fetchone()
    admin = f"{server.base_url}/{os.environ.get('DJANGO_ADMIN_URL', 'admin/').strip('/')}/"
    for language, locale in BROWSER_LOCALES.items():
        for device, width in WIDTHS.items():
            context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(admin + "login/")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("[type=submit]")
            for name, path in STAFF_PAGES:
                page.goto(admin + path.format(condition=condition))
                page.screenshot(path=OUT / f"{language}-{name}-{device}.png", full_page=True)
            context.close()


def main():
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not shutil.which(chromium) and not os.path.exists(chromium):
        sys.exit(f"No Chromium at {chromium}: `make screenshots` needs Debian's chromium (make test installs it).")
    raise_on_sigterm()
    database = copy_of_demo_database()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    with SiteServer(database, WORK) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        for device, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for language in LANGUAGES:
                for name, path in PAGE_TYPES:
                    page.goto(f"{server.base_url}/{language}/{path}")
                    page.screenshot(path=OUT / f"{language}-{name}-{device}.png", full_page=True)
            page.close()
        staff_screenshots(browser, server, database)
        browser.close()
    count = len(WIDTHS) * len(LANGUAGES) * (len(PAGE_TYPES) + len(STAFF_PAGES))
    print(f"{count} screenshots in {OUT.relative_to(BENCH.parent)}/")


if __name__ == "__main__":
    main()
