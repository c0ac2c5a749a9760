"""The demo content in Chinese and Russian says what the English says: the same numbers,
drug names, stages and codes, in the same structure."""

import re
from collections import Counter

import pytest

from demo import loader

LANGUAGES = ["zh-hans", "ru"]
KINDS = ["treatments", "conditions", "statistics", "stories"]
# Codes and names kept in Latin letters in every language. Scan names (CT, PET-CT) may be
# written the way readers of a language know them, and GoBroad is 高博 in Chinese.
LATIN_TOKEN = re.compile(r"(?<![A-Za-z])(?:[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9κλ-]*|Ig[A-Z][-κλA-Za-z]*)(?![A-Za-z])")
LOCAL_NAMES = {"CT", "PET-CT", "GoBroad"}


NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
                "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
                "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "once": "1", "twice": "2",
                # Dates: Chinese writes "2025年1月" for "January 2025".
                **{month: str(n) for n, month in enumerate(
                    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"], start=1)}}


def numbers(text):
    """The numbers written in digits ("1,500" is 1500)."""
    return Counter(re.findall(r"\d+(?:\.\d+)?", re.sub(r"(?<=\d)[,\s](?=\d{3}\b)", "", text)))


def spelled_numbers(text):
    return Counter(NUMBER_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in NUMBER_WORDS)


def latin_tokens(text):
    tokens = {token.rstrip("-") for token in LATIN_TOKEN.findall(text)}
    # A plural English abbreviation ("ADCs") is the abbreviation itself in other languages.
    return {token[:-1] if re.fullmatch(r"[A-Z]{2,}s", token) else token for token in tokens} - LOCAL_NAMES


def pairs(english, translated, path=""):
    """(path, english text, translated text) for every text the translation gives."""
    if isinstance(translated, dict):
        for key, value in translated.items():
            if key not in ("slug", "value"):
                yield from pairs(english[key], value, f"{path}.{key}")
    elif isinstance(translated, list):
        assert len(translated) == len(english), path
        for i, (en, tr) in enumerate(zip(english, translated, strict=True)):
            yield from pairs(en, tr, f"{path}[{i}]")
    elif isinstance(translated, str):
        yield path, english if isinstance(english, str) else english.get("text", ""), translated


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_translations_keep_every_number_code_and_item(kind, language):
    english, translated = loader.read(kind), loader.read(kind, language)
    assert len(translated) == len(english)
    for en_item, tr_item in zip(english, translated, strict=True):
        assert tr_item.get("slug") == en_item.get("slug")
        assert tr_item.get("value") == en_item.get("value")
        for path, en_text, tr_text in pairs(en_item, tr_item, en_item.get("slug", "")):
            # Every figure the English gives in digits is there, and nothing the English does not say.
            assert not numbers(en_text) - numbers(tr_text), (path, numbers(en_text) - numbers(tr_text))
            invented = set(numbers(tr_text)) - set(numbers(en_text)) - set(spelled_numbers(en_text))
            assert not invented, (path, invented, tr_text)
            assert latin_tokens(en_text) <= latin_tokens(tr_text), (path, latin_tokens(en_text) - latin_tokens(tr_text))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_page_can_be_read_in_every_language_and_says_no_doctor_has_checked_it(demo, language):
    from conditions.models import Condition
    from stories.models import PatientStory
    from treatments.models import Treatment

    for model in (Condition, Treatment, PatientStory):
        for page in model.objects.all():
            assert language in page.readable_languages.split(","), page
            record = page.get_translation(language)
            assert record.translation_ready and record.translated_by and not record.translation_reviewed_by


QUOTED = re.compile(r'"[^"]+"|“[^”]+”|«[^»]+»|「[^」]+」|『[^』]+』')


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_quote_nothing_the_english_does_not(language):
    for kind in KINDS:
        for path, english, translated in pairs(loader.read(kind), loader.read(kind, language)):
            assert len(QUOTED.findall(translated)) <= len(QUOTED.findall(english)), (kind, path, translated)
