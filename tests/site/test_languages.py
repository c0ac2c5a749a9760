"""The site in English, Simplified Chinese and Russian: addresses, the switcher, what the
<head> says about languages, the page cache and the sitemap."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_condition, make_story, make_symptom, translate

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8000"


def head(html):
    return html.split("</head>", 1)[0]


@pytest.mark.parametrize(("accept", "where"), [
    ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"), ("zh-CN,zh;q=0.9", "/zh-hans/"), ("de-DE,de", "/en/"), ("", "/en/"),
])
def test_the_home_address_sends_a_first_visit_to_the_browsers_language(accept, where):
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == where


@pytest.mark.parametrize("path", ["/conditions/", "/stories/", "/consult/", "/privacy/", "/about-our-data/"])
def test_every_old_address_still_leads_to_its_page(path, myeloma):
    response = Client().get(path, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/en{path}"


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/sitemap.xml", reverse("admin:login")])
def test_what_is_in_no_language_stays_outside_the_prefixes(path):
    assert Client().get(path).status_code == 200


@pytest.mark.parametrize(("prefix", "tag"), [("en", "en"), ("zh-hans", "zh-Hans"), ("ru", "ru")])
def test_each_language_declares_itself(prefix, tag, myeloma):
    html = Client().get(f"/{prefix}/privacy/").content.decode()
    assert f'<html lang="{tag}">' in html
    assert f'<link rel="canonical" href="{SITE}/{prefix}/privacy/">' in html
    for other, other_tag in (("en", "en"), ("zh-hans", "zh-Hans"), ("ru", "ru")):
        assert f'<link rel="alternate" hreflang="{other_tag}" href="{SITE}/{other}/privacy/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE}/privacy/">' in html
    locale = {"en": "en_US", "zh-hans": "zh_CN", "ru": "ru_RU"}[prefix]
    assert f'<meta property="og:locale" content="{locale}">' in html


def test_the_switcher_links_to_the_same_page_in_each_language_named_in_its_own_script(myeloma):
    html = Client().get("/ru/stories/?country=RU").content.decode()
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    assert '<a href="/en/stories/?country=RU" lang="en" hreflang="en">English</a>' in switcher
    assert '<a href="/zh-hans/stories/?country=RU" lang="zh-Hans" hreflang="zh-Hans">简体中文</a>' in switcher
    assert '<a href="/ru/stories/?country=RU" lang="ru" hreflang="ru" aria-current="true">Русский</a>' in switcher
    assert "<form" not in switcher


def test_a_page_only_in_english_lists_only_english_as_an_alternate():
    make_condition(slug="english-only")
    html = head(Client().get("/ru/conditions/english-only/").content.decode())
    assert re.findall(r'hreflang="([^"]+)"', html) == ["en"]
    assert f'<link rel="canonical" href="{SITE}/en/conditions/english-only/">' in html
    assert '<meta property="og:locale" content="en_US">' in html


def test_json_ld_says_which_language_the_page_is_in():
    condition = make_condition(slug="mm")
    translate(condition, "ru", name="Миелома", summary="Кратко.", overview="Текст.")
    for prefix, tag in (("ru", "ru"), ("zh-hans", "en")):
        html = Client().get(f"/{prefix}/conditions/mm/").content.decode()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        page = next(item for item in data["@graph"] if item["@type"] == "MedicalWebPage")
        assert page["inLanguage"] == tag


def test_a_cached_page_is_never_served_in_the_wrong_language(page_cache):
    condition = make_condition(slug="mm", name="Multiple myeloma")
    translate(condition, "ru", name="Множественная миелома", summary="Кратко.", overview="Текст.")
    anonymous = Client()
    russian = anonymous.get("/ru/conditions/mm/")
    assert russian["X-Page-Cache"] == "miss"
    assert anonymous.get("/ru/conditions/mm/")["X-Page-Cache"] == "hit"
    english = anonymous.get("/en/conditions/mm/", HTTP_ACCEPT_LANGUAGE="ru")
    assert english["X-Page-Cache"] == "miss"
    assert "Multiple myeloma" in english.content.decode() and "Множественная" not in english.content.decode()
    again = anonymous.get("/ru/conditions/mm/", HTTP_ACCEPT_LANGUAGE="en")
    assert again["X-Page-Cache"] == "hit" and '<html lang="ru">' in again.content.decode()


def test_the_sitemap_lists_each_page_in_the_languages_it_can_be_read_in():
    translated = make_condition(slug="translated")
    translate(translated, "ru", name="Переведено", summary="Кратко.", overview="Текст.")
    make_condition(slug="english-only")
    xml = Client().get("/sitemap.xml").content.decode()
    assert f"<loc>{SITE}/ru/conditions/translated/</loc>" in xml
    assert f'hreflang="ru" href="{SITE}/ru/conditions/translated/"' in xml
    assert f"<loc>{SITE}/en/conditions/english-only/</loc>" in xml
    assert "/ru/conditions/english-only/" not in xml and "/zh-hans/conditions/english-only/" not in xml
    assert f"<loc>{SITE}/zh-hans/privacy/</loc>" in xml


def test_russian_counts_use_russian_plural_forms(myeloma):
    for count in (1, 2, 5):
        for _ in range(count - len(myeloma.stories.all())):
            make_story(myeloma, country="RU")
        html = Client().get("/ru/stories/?country=RU").content.decode()
        word = {1: "история", 2: "истории", 5: "историй"}[count]
        assert re.search(rf"\b{count} {word}\b", html), (count, word)


def test_the_admin_speaks_the_staff_members_language(staff_client):
    html = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "GoBroad Гематология — для сотрудников" in html and "Добавить" in html
    html = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "GoBroad 血液科 — 员工专区" in html and "增加" in html


def test_the_admin_lists_counts_and_filters_missing_and_unreviewed_translations(staff_client):
    english_only = make_condition(slug="english-only", name="English only")
    russian = make_condition(slug="russian", name="In Russian")
    translate(russian, "ru", name="По-русски", summary="Кратко.", overview="Текст.")
    make_symptom(english_only)
    home = staff_client.get(reverse("admin:index")).content.decode()
    section = re.search(r'id="translations-due".*?</div>', home, re.S).group(0)
    assert "Русский" in section and "简体中文" in section
    changelist = reverse("admin:conditions_condition_changelist")
    missing = staff_client.get(changelist + "?translation=missing:ru").content.decode()
    assert "English only" in missing and "In Russian" not in missing
    unreviewed = staff_client.get(changelist + "?translation=unreviewed:ru").content.decode()
    assert "In Russian" in unreviewed and "English only" not in unreviewed
    russian.translations.filter(language_code="ru").update(translation_reviewed_by="Dr Reviewer")
    unreviewed = staff_client.get(changelist + "?translation=unreviewed:ru").content.decode()
    assert "In Russian" not in unreviewed


def test_the_admin_measures_chinese_and_russian_text_in_their_own_way(staff_client):
    condition = make_condition(slug="measured", overview="A short sentence. Another one.")
    translate(condition, "ru", name="Миелома", summary="Кратко.", overview="Короткое предложение. Ещё одно.")
    translate(condition, "zh-hans", name="骨髓瘤", summary="简介。", overview="这是一个短句。还有一句。")
    url = reverse("admin:conditions_condition_change", args=[condition.pk])
    english = staff_client.get(url + "?language=en").content.decode()
    assert "Reading age" in english
    russian = staff_client.get(url + "?language=ru").content.decode()
    assert "Average sentence:" in russian and "words" in russian and "No reading-age score" in russian
    chinese = staff_client.get(url + "?language=zh-hans").content.decode()
    assert "characters" in chinese and "No reading-age score" in chinese
