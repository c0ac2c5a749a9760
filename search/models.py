"""One search index for every kind of page: a row per published page (or entry) and language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What a reader of `language` finds for one page, or one entry on a page (a word explained).

    `title_terms` and `body_terms` are the prepared terms (search/text.py) the database
    matches: on SQLite an FTS5 table per language, kept in step by triggers (migrations/0003,
    `sqlite_index_table`); on PostgreSQL a stored, generated `terms` tsvector column with a GIN
    index, unknown to the ORM (migrations/0002).
    `title` and `text` are what the results page shows.
    """

    kind = models.CharField(max_length=60)  # the model's label, e.g. "conditions.glossaryterm"
    page_key = models.CharField(max_length=80)  # the page it is on, e.g. "conditions.condition:1"
    language = models.CharField(max_length=7)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    text = models.TextField()
    title_terms = models.TextField()
    body_terms = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        indexes = [models.Index(fields=["page_key"]), models.Index(fields=["language"])]

    def __str__(self):
        return f"{self.title} ({self.language})"


def sqlite_index_table(language):
    """The FTS5 table of `language`'s documents on SQLite (made by migrations/0003)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"No search index for language {language!r}")
    return "search_document_fts_" + language.replace("-", "_")
