"""Reading age of patient-facing text, shown to editors in the admin."""

import warnings

from django.utils.html import format_html
from django.utils.translation import gettext as _

TARGET_READING_AGE = (9, 11)


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


def reading_age_html(text):
    age = reading_age(text)
    low, high = TARGET_READING_AGE
    if age is None:
        return _("No text yet")
    if age <= high:
        verdict = _("on target")
    else:
        verdict = _("harder than the target: use shorter sentences and everyday words")
    return format_html(
        "{} <strong>{}</strong> ({} {}–{}: {})",
        _("Reading age"), age, _("target"), low, high, verdict,
    )
