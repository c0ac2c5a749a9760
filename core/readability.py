"""How easy patient-facing text is to read, shown to editors in the admin, per language."""

import re
import warnings

from django.utils.html import format_html
from django.utils.translation import gettext as _

TARGET_READING_AGE = (9, 11)
SENTENCE_END = re.compile(r"[.!?。！？；;]+")


def reading_age(text):
    """Flesch–Kincaid grade turned into a reading age (US grade + 5), or None for no text."""
    if not text or not text.strip():
        return None
    with warnings.catch_warnings():
        # textstat 0.7.4 imports the deprecated pkg_resources; imported here because it
        # is slow to load and only editors need it.
        warnings.simplefilter("ignore", UserWarning)
        import textstat

    return max(5, round(textstat.flesch_kincaid_grade(text) + 5))


def sentence_lengths(text, unit):
    """Lengths of the sentences of `text`, counted in words or in characters (for Chinese)."""
    lengths = []
    for sentence in SENTENCE_END.split(text):
        if unit == "characters":
            count = len(re.findall(r"\w", sentence))
        else:
            count = len(re.findall(r"\w+", sentence))
        if count:
            lengths.append(count)
    return lengths


def readability_html(text, language):
    """The reading age for English; for Chinese and Russian, sentence and word length, saying
    plainly that no reading-age score is computed for them."""
    if not text or not text.strip():
        return _("No text yet")
    if language == "en":
        return _reading_age_html(text)
    unit = "characters" if language.startswith("zh") else "words"
    lengths = sentence_lengths(text, unit)
    average = round(sum(lengths) / len(lengths)) if lengths else 0
    if unit == "characters":
        measure = _("Average sentence: %(count)d characters (aim for under 30).") % {"count": average}
    else:
        words = re.findall(r"\w+", text)
        long_words = sum(1 for word in words if len(word) >= 13)
        measure = _("Average sentence: %(count)d words (aim for under 15). Long words of 13 letters or more: "
                    "%(percent)d%%.") % {"count": average, "percent": round(100 * long_words / len(words))}
    return format_html("{} <strong>{}</strong>", measure, _("No reading-age score is computed for this language."))


def _reading_age_html(text):
    age = reading_age(text)
    low, high = TARGET_READING_AGE
    if age <= high:
        verdict = _("on target")
    else:
        verdict = _("harder than the target: use shorter sentences and everyday words")
    return format_html(
        "{} <strong>{}</strong> ({} {}–{}: {})",
        _("Reading age"), age, _("target"), low, high, verdict,
    )
