"""Keeping the index in step with the content: a page's documents are rebuilt whenever it, one
of its rows or one of their translations is saved or deleted, once per transaction."""

import threading

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import signals
from django.utils import translation

from core.richtext import plain_text
from core.translation import (
    SOURCE_LANGUAGE,
    TranslatedPage,
    TranslatedRow,
    language_codes,
    pages_of,
    pages_of_relation,
)

from .models import SearchDocument
from .text import index_text

# Translated fields that are about the translation, not the page.
NOT_CONTENT = {"language_code", "master", "id", "translation_ready", "translated_by", "translation_reviewed_by",
               "translation_reviewed_on", "image_alt"}


def content_fields(obj):
    """The names of `obj`'s translated text fields that readers see."""
    model = obj._parler_meta.root_model
    return [field.name for field in model._meta.concrete_fields
            if field.name not in NOT_CONTENT and field.get_internal_type() in ("CharField", "TextField")]


def text_of(obj, without=None):
    """`obj`'s text as readers see it; `without` names a field left out (the title, shown above a snippet)."""
    parts = [plain_text(str(obj.safe_translation_getter(name, default="") or ""))
             for name in content_fields(obj) if name != without]
    return "\n".join(part for part in parts if part.strip())


def title_terms(title, aliases):
    """The title's terms, then each other name's, a line each (search/query.py ranks by the closest)."""
    names = [title, *(alias.strip() for alias in (aliases or "").split(","))]
    return "\n".join(index_text(name) for name in names if name.strip())


def documents_for(page):
    """The documents of a page for a reader of each language, as that reader sees it: in their own
    language where it can be read in it, else whole in English (so its names are still found)."""
    documents = []
    if not page.has_translation(SOURCE_LANGUAGE):
        return documents  # saved a moment before its text (outside a transaction): indexed when the text is
    key = page_key(type(page), page.pk)
    page.readable_languages = page.compute_readable_languages()
    for language in language_codes():
        page.show_in(language)
        rows = list(page.translated_rows())
        with translation.override(language):
            url = page.get_absolute_url()
        title = str(getattr(page, page.title_field) or "")
        aliases = getattr(page, "aliases", "")
        body = "\n".join(filter(None, [text_of(page, without=page.title_field),
                                        *(text_of(row) for row in rows)]))
        documents.append(SearchDocument(
            kind=page._meta.label_lower, page_key=key, language=language, url=url, title=title, text=body,
            title_terms=title_terms(title, aliases), body_terms=index_text(body)))
        for row in rows:
            if getattr(row, "search_anchor", None):
                row_title = str(row)
                row_aliases = getattr(row, "aliases", "")
                row_text = text_of(row, without=row.title_field)
                documents.append(SearchDocument(
                    kind=row._meta.label_lower, page_key=key, language=language,
                    url=f"{url}#{row.search_anchor}", title=row_title, text=row_text,
                    title_terms=title_terms(row_title, row_aliases), body_terms=index_text(row_text)))
    return documents


def page_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def refresh_page(model, pk):
    """Rebuild one page's documents: none unless an anonymous reader can see it."""
    page = model.objects.for_detail_page(AnonymousUser()).filter(pk=pk).first()
    with transaction.atomic():
        SearchDocument.objects.filter(page_key=page_key(model, pk)).delete()
        if page is not None:
            SearchDocument.objects.bulk_create(documents_for(page))


def indexed_page_models():
    return [model for model in apps.get_models() if issubclass(model, TranslatedPage)]


def rebuild():
    """Every page's documents afresh; the count of documents."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for model in indexed_page_models():
            for page in model.objects.for_detail_page(AnonymousUser()):
                SearchDocument.objects.bulk_create(documents_for(page))
    return SearchDocument.objects.count()


class _Pending(threading.local):
    pages = None  # {(model, pk)} waiting for the transaction to commit


_pending = _Pending()


def schedule(page):
    """Refresh `page` once the current transaction commits (at once outside one)."""
    if page is None or page.pk is None:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh_page(type(page), page.pk)
        return
    if _pending.pages is None or not _flush_is_queued(connection):
        # A transaction that rolled back took its queued flush with it: start afresh.
        _pending.pages = set()
        transaction.on_commit(_flush)
    _pending.pages.add((type(page), page.pk))


def _flush_is_queued(connection):
    return any(callback is _flush for _savepoints, callback, _robust in connection.run_on_commit)


def _flush():
    pages, _pending.pages = _pending.pages or set(), None
    for model, pk in pages:
        refresh_page(model, pk)


def content_changed(instance, **kwargs):
    """Signal receiver: a page, a row or a translation was saved or deleted."""
    for page in pages_of(instance):
        schedule(page)


def relation_changed(sender, instance, action, pk_set=None, model=None, **kwargs):
    for page in pages_of_relation(instance, action, pk_set, model):
        schedule(page)


def connect_signals():
    for model in apps.get_models():
        if issubclass(model, (TranslatedPage, TranslatedRow)):
            for sender in (model, model._parler_meta.root_model):
                for signal in (signals.post_save, signals.post_delete):
                    signal.connect(content_changed, sender=sender, dispatch_uid=f"search-{sender._meta}")
    signals.m2m_changed.connect(relation_changed, dispatch_uid="search-m2m")
