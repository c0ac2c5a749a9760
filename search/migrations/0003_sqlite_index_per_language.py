from importlib import import_module

from django.db import migrations

# SQLite: one FTS5 table per language instead of one for all. A search ranks (bm25) only its own
# language's documents, with no lookup of each match's language in search_searchdocument, and the
# rarity of a term is counted among the documents of that language: measured on `make bench`'s
# index, 0.22 -> 0.14 ms for "car t", 0.23 -> 0.18 for "myeloma" (sqlite3 alone). A language added to
# settings.LANGUAGES needs its table here, in a migration of its own
# (tests/search/test_index.py checks every language has one).
LANGUAGES = ["en", "zh-hans", "ru"]


def _suffix(language):
    return language.replace("-", "_")


def _index_for(language):
    suffix = _suffix(language)
    table = f"search_document_fts_{suffix}"
    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            title_terms, body_terms, content='search_searchdocument', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0')""",
        f"""INSERT INTO {table}(rowid, title_terms, body_terms)
            SELECT id, title_terms, body_terms FROM search_searchdocument WHERE language = '{language}'""",
        f"""CREATE TRIGGER search_document_ai_{suffix} AFTER INSERT ON search_searchdocument
            WHEN new.language = '{language}' BEGIN
            INSERT INTO {table}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END""",
        f"""CREATE TRIGGER search_document_ad_{suffix} AFTER DELETE ON search_searchdocument
            WHEN old.language = '{language}' BEGIN
            INSERT INTO {table}({table}, rowid, title_terms, body_terms)
            VALUES ('delete', old.id, old.title_terms, old.body_terms); END""",
        # One trigger for both halves of an update: SQLite fires a statement's triggers in no set order,
        # and the new terms added before the old ones are taken out leave the table unreadable.
        f"""CREATE TRIGGER search_document_au_{suffix} AFTER UPDATE ON search_searchdocument
            WHEN old.language = '{language}' OR new.language = '{language}' BEGIN
            INSERT INTO {table}({table}, rowid, title_terms, body_terms)
            SELECT 'delete', old.id, old.title_terms, old.body_terms WHERE old.language = '{language}';
            INSERT INTO {table}(rowid, title_terms, body_terms)
            SELECT new.id, new.title_terms, new.body_terms WHERE new.language = '{language}'; END""",
    ]


def _drop_for(language):
    suffix = _suffix(language)
    return [*(f"DROP TRIGGER search_document_{name}_{suffix}" for name in ("ai", "ad", "au")),
            f"DROP TABLE search_document_fts_{suffix}"]


_INITIAL = import_module("search.migrations.0001_initial")
FORWARD = [*_INITIAL.SQLITE_DROP, *(sql for language in LANGUAGES for sql in _index_for(language))]
# Back: the single table of 0001, filled again from the documents.
BACKWARD = [*(sql for language in LANGUAGES for sql in _drop_for(language)),
            _INITIAL.SQLITE_INDEX[0], "INSERT INTO search_document_fts(search_document_fts) VALUES ('rebuild')",
            *_INITIAL.SQLITE_INDEX[1:]]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_stored_terms_on_postgresql")]

    # 0001's _run: the statements for the database in use, here SQLite's only.
    operations = [migrations.RunPython(_INITIAL._run({"sqlite": FORWARD}), _INITIAL._run({"sqlite": BACKWARD}))]
