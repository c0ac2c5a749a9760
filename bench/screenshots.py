"""`make screenshots`: every page type at 390 and 1,280 CSS px in each language, whole pages
as PNGs in bench/screenshots/ (ignored by git), taken in the system Chromium from gunicorn as
`make serve` runs it, on a copy of the demo database.

    .venv/bin/python -m bench.screenshots
"""

import os
import shutil
import sys

from bench.run import STORY
from bench.site_server import BENCH, WORK, SiteServer, copy_of_demo_database, raise_on_sigterm

OUT = BENCH / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}
LANGUAGES = ["en", "zh-hans", "ru"]
# (name, address after the language prefix)
PAGE_TYPES = [
    ("home", ""), ("condition-list", "conditions/"), ("condition", "conditions/multiple-myeloma/"),
    ("treatment-list", "treatments/"), ("treatment", "treatments/car-t-cell-therapy/"),
    ("story-list", "stories/"), ("story", STORY), ("doctor-list", "doctors/"), ("doctor", "doctors/su-li/"),
    ("hospital-list", "hospitals/"), ("hospital", "hospitals/beijing-boren-hospital/"),
    ("international-patients", "international-patients/"), ("contact", "contact/"),
    ("about-our-data", "about-our-data/"), ("privacy", "privacy/"), ("accessibility", "accessibility/"),
    ("consult", "consult/"), ("consult-status", "consult/status/"), ("search", "search/?q=myeloma"),
    ("not-found", "no-such-page/"),
]


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
        browser.close()
    print(f"{len(WIDTHS) * len(LANGUAGES) * len(PAGE_TYPES)} screenshots in {OUT.relative_to(BENCH.parent)}/")


if __name__ == "__main__":
    main()
