"""The interface text in Chinese and Russian: complete catalogues, compiled as committed,
in step with the code, and no English left on a Chinese or Russian page."""

import html as html_module
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

from tests.browser.content import ensure_every_page_type, page_paths
from tests.factories import consult_form_data

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUES = {"zh-hans": ROOT / "locale/zh_Hans/LC_MESSAGES/django.po", "ru": ROOT / "locale/ru/LC_MESSAGES/django.po"}
# Copied to see what makemessages would make of the code as it is now.
SOURCES = ["core", "conditions", "treatments", "hospitals", "doctors", "journey", "stories", "search", "consult",
           "demo", "gobroad_site", "templates", "static", "locale", "manage.py"]


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(CATALOGUES[language])
    assert len(catalogue) > 400
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_compiled_catalogue_is_the_one_committed(language):
    source = polib.pofile(CATALOGUES[language])
    compiled = polib.mofile(CATALOGUES[language].with_suffix(".mo"))

    def messages(catalogue):
        return {(entry.msgctxt, entry.msgid): entry.msgstr or dict(entry.msgstr_plural) for entry in catalogue
                if not entry.obsolete and entry.msgid}

    assert messages(compiled) == messages(source), "run `make messages` and commit locale/"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed (make test installs it)")
def test_the_catalogues_hold_every_string_the_code_has(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-l", "ru", "--add-location=file",
                    "--verbosity", "0"], cwd=tmp_path, check=True, env={
                        "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "gobroad_site.settings.test",
                        "PYTHONPATH": str(tmp_path)})
    for language, path in CATALOGUES.items():
        committed = {entry.msgid for entry in polib.pofile(path) if not entry.obsolete}
        fresh = {entry.msgid for entry in polib.pofile(tmp_path / path.relative_to(ROOT)) if not entry.obsolete}
        assert fresh - committed == set(), f"{language}: strings not yet in the catalogue (run `make messages`)"
        assert committed - fresh == set(), f"{language}: strings the code no longer has (run `make messages`)"


def visible_text(page):
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html_module.unescape(page))


def english_interface_strings(language):
    """Catalogue entries whose translation differs from the English, as literal pieces of
    text long enough to recognise (placeholders split a message into pieces)."""
    pieces = set()
    for entry in polib.pofile(CATALOGUES[language]):
        if entry.msgstr == entry.msgid or entry.msgid_plural:
            continue
        for piece in re.split(r"%\(\w+\)[sd]|\{\w+\}|[“”]", entry.msgid):
            piece = piece.strip(" .,:;()")
            if len(piece) >= 12 and " " in piece:
                pieces.add(piece)
    return pieces


@pytest.mark.django_db
@pytest.mark.parametrize("language", CATALOGUES)
def test_no_english_interface_text_on_a_chinese_or_russian_page(language, demo):
    ensure_every_page_type()
    client = Client()
    with translation.override(language):
        paths = list(page_paths(language).values())
    pages = {path: client.get(path).content.decode() for path in paths}
    pages["consult form"] = client.get(f"/{language}/consult/").content.decode()
    pages["consult form with errors"] = client.post(f"/{language}/consult/",
                                                    consult_form_data(full_name="", consent=None)).content.decode()
    client.post(f"/{language}/consult/", consult_form_data())
    pages["thanks"] = client.get(f"/{language}/consult/thanks/").content.decode()
    english = english_interface_strings(language)
    found = {name: sorted(piece for piece in english if piece in visible_text(page)) for name, page in pages.items()}
    assert {name: pieces for name, pieces in found.items() if pieces} == {}
