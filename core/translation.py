"""Content in three languages (django-parler): which language a reader sees a page in.

English is the source. A page is shown to readers of another language only when its
translation there is marked ready and every row the page is made of (symptoms, sections,
figures…) is translated too; otherwise they get the whole page in English, with a note
in their own language. The languages a page can be read in are worked out whenever the
page, one of its rows or a translation is saved, and kept on the page
(`readable_languages`), so lists and cards need no extra queries to know them.
"""

import contextlib
import threading

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableQuerySet
from parler.models import TranslatableModel

SOURCE_LANGUAGE = settings.LANGUAGE_CODE


def language_tag(code):
    """The BCP 47 tag of a Django language code, for lang and hreflang: zh-hans is zh-Hans."""
    return translation.to_locale(code).replace("_", "-")


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def name_and_summary_fields():
    """The translated name and card summary of a condition or treatment page."""
    return {
        "name": models.CharField(_("name"), max_length=120),
        "summary": models.CharField(
            _("short summary"), max_length=300,
            help_text=_("One or two plain sentences for cards and search results."),
        ),
    }


def translation_record_fields():
    """What each translation of a page records about itself; add to the page's TranslatedFields."""
    return {
        "translation_ready": models.BooleanField(
            _("show this language to readers"), default=False,
            help_text=_("For Chinese and Russian: tick when the whole page is translated, its sections and "
                        "figures included. Until then readers of this language see the English page with a "
                        "note that it is not yet translated."),
        ),
        "translated_by": models.CharField(
            _("translated by"), max_length=200, blank=True,
            help_text=_("Who translated this language version, as it may be shown to staff."),
        ),
        "translation_reviewed_by": models.CharField(
            _("translation checked by (doctor)"), max_length=200, blank=True,
            help_text=_("The clinician who checked this language version. Until one has, readers see a note "
                        "that the translation has not yet been checked by the medical team."),
        ),
        "translation_reviewed_on": models.DateField(_("translation checked on"), null=True, blank=True),
    }


class TranslatedPageQuerySet(TranslatableQuerySet):
    def missing_translation(self, code):
        """Pages readers of `code` still see in English."""
        return self.exclude(readable_languages__contains=code)

    def unreviewed_translation(self, code):
        """Pages readers of `code` see in it, whose translation no doctor has checked yet."""
        return self.filter(readable_languages__contains=code, translations__language_code=code,
                           translations__translation_reviewed_by="")


class TranslatedPage(TranslatableModel):
    """A page with translations that carry `translation_record_fields()`.

    A page lists the rows it is made of in `translated_rows()`; each such row model
    names its pages in `translated_pages()`, so that saving a row, or its translation,
    works out its pages' languages again.
    """

    # The relations translated_rows() reads, prefetched with their translations when the
    # languages are worked out (e.g. "symptoms").
    row_relations = ()
    # The translated field that names the page, and the URL name of its page (with its slug).
    title_field = "name"
    detail_url_name = None

    readable_languages = models.CharField(
        _("languages readers see"), max_length=50, blank=True, editable=False, default=SOURCE_LANGUAGE,
    )

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        # Every page loaded for a reader (in a list, a card or through a relation) comes in
        # the reader's language where it can be read in it; the admin picks its language itself.
        page = super().from_db(db, field_names, values)
        if "readable_languages" in field_names:
            page.set_current_language(page.language_for(translation.get_language() or SOURCE_LANGUAGE))
        return page

    def __str__(self):
        return self.safe_translation_getter(self.title_field, any_language=True) or self.slug

    def get_absolute_url(self):
        return reverse(self.detail_url_name, args=[self.slug])

    def translated_rows(self):
        """The translated rows this page shows as its own."""
        return []

    def translated_pages(self):
        return [self]

    def language_for(self, language):
        """The language a reader of `language` sees this page in."""
        return language if language in self.readable_languages.split(",") else SOURCE_LANGUAGE

    def show_in(self, language):
        """Put the page and its rows in the language a reader of `language` sees; return it."""
        shown = self.language_for(language)
        for obj in (self, *self.translated_rows()):
            obj.set_current_language(shown)
        return shown

    def compute_readable_languages(self):
        rows = list(self.translated_rows())
        readable = [SOURCE_LANGUAGE]
        for code in language_codes():
            if code == SOURCE_LANGUAGE or not self.has_translation(code):
                continue
            if self.get_translation(code).translation_ready and all(row.has_translation(code) for row in rows):
                readable.append(code)
        return ",".join(readable)

    def refresh_readable_languages(self):
        if self.pk is None:
            return
        if _deferred.pages is not None:
            _deferred.pages.add((type(self), self.pk))
            return
        lookups = ["translations", *(f"{relation}__translations" for relation in self.row_relations)]
        fresh = type(self).objects.filter(pk=self.pk).prefetch_related(*lookups).first()
        if fresh is None:
            return
        languages = fresh.compute_readable_languages()
        if languages != fresh.readable_languages:
            type(self).objects.filter(pk=self.pk).update(readable_languages=languages)
        self.readable_languages = languages

    @property
    def translation_record(self):
        """The translation shown now, with who translated and checked it."""
        return self.get_translation(self.get_current_language())

    @property
    def is_unreviewed_translation(self):
        """Shown in a language other than English that no doctor has checked yet."""
        return self.get_current_language() != SOURCE_LANGUAGE and not self.translation_record.translation_reviewed_by


class TranslatedRow(TranslatableModel):
    """A translated row that belongs to pages: saving it works out their languages again."""

    title_field = None  # the translated field that names the row

    class Meta:
        abstract = True

    def __str__(self):
        return self.safe_translation_getter(self.title_field, any_language=True) or ""

    def translated_pages(self):
        raise NotImplementedError


class _DeferredPages(threading.local):
    # A set while languages_worked_out_at_the_end() runs in this thread. A class attribute, so
    # every thread (gunicorn's gthread workers serve requests from several) starts with None.
    pages = None


_deferred = _DeferredPages()


@contextlib.contextmanager
def languages_worked_out_at_the_end():
    """Work out each touched page's languages once, after many rows and translations are saved."""
    _deferred.pages = set()
    try:
        yield
    finally:
        pages, _deferred.pages = _deferred.pages, None
        for model, pk in pages:
            page = model.objects.filter(pk=pk).first()
            if page is not None:
                page.refresh_readable_languages()


def pages_of(instance):
    """The pages a saved or deleted page, row or translation belongs to."""
    try:
        shared = getattr(instance, "master", instance)
    except ObjectDoesNotExist:  # a translation deleted with its page
        return []
    if shared is None or not hasattr(shared, "translated_pages"):
        return []
    return [page for page in shared.translated_pages() if page is not None]


def pages_of_relation(instance, action, pk_set=None, model=None):
    """The pages an m2m change touched (a figure's treatments, say), once it is done."""
    if not action.startswith("post_"):
        return []
    pages = pages_of(instance)
    if pk_set and issubclass(model, TranslatedPage):
        pages += list(model.objects.filter(pk__in=pk_set))
    return pages


def refresh_pages_of(instance, **kwargs):
    """Signal receiver: a page, a row or a translation changed; its pages' languages may have too."""
    for page in pages_of(instance):
        page.refresh_readable_languages()


def refresh_pages_of_m2m(sender, instance, action, pk_set=None, model=None, **kwargs):
    """Signal receiver: a row joined or left pages."""
    for page in pages_of_relation(instance, action, pk_set, model):
        page.refresh_readable_languages()
