"""Finding documents for what a reader typed, the same way on SQLite and PostgreSQL.

The query's terms (search/text.py) must all be found, except little words (what, is, что,
如何…) and words the index has never seen: those are corrected to the nearest word it has
(one edit for words up to six letters, two beyond: myelma → myeloma, трансплантацыя →
трансплантация) or, failing that, left out. When every term together finds nothing, any
of them will do. The database finds and first orders the matches (FTS5's bm25 over the
reader's language's table on SQLite, ts_rank on PostgreSQL, titles weighted above body text);
then, the same way on both, a page whose title (or other names) holds more of the query comes
first, and of those the one whose title is most nearly the query: "myeloma" puts Multiple
myeloma before a story that mentions it in its title.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape  # Django's, which also takes lazy strings, costs three times as much here

from django.apps import apps
from django.db import connection
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core import content_versions

from .models import SearchDocument, sqlite_index_table
from .text import HAN, TOKEN, is_han, normalise, terms, word_terms

# Words a question is made of that say nothing of what is sought (stemmed, as terms are).
LITTLE_WORDS = frozenset(terms(
    "what is are the a an of for to in on and or how does do can i my about with "
    "что такое как это и в на с для о у ли мне "
    "什么 如何 怎么 是 的 吗", for_query=False))
MAX_QUERY_CHARS = 200
_LETTER = re.compile(rf"[^\W_{HAN}]")  # of a word in TOKEN's sense
MAX_RESULTS = 100
SNIPPET_CHARS = 180
# A page whose title matched may not hold the words in its text: look that far, then show its start.
SNIPPET_SCAN_CHARS = 20_000
# The matched expression is a bound parameter; only the prepared terms (letters and digits) go into it.
# Only the ids: up to MAX_RESULTS are found, ranked by their titles as the vocabulary keeps them, and
# a page shows ten (`shown`).
POSTGRESQL_MATCH = """
    SELECT d.id
    FROM search_searchdocument d, to_tsquery('simple', %s) query
    WHERE d.language = %s AND d.terms @@ query
    ORDER BY ts_rank(d.terms, query) DESC, d.id
    LIMIT %s"""
SQLITE_MATCH = """
    SELECT rowid FROM {table} WHERE {table} MATCH %s
    ORDER BY bm25({table}, 10.0, 1.0), rowid
    LIMIT %s"""


# The results a page shows, with as much of their text as a snippet may come from; {} their ids.
SHOWN = "SELECT id, kind, url, title, substr(text, 1, %s) FROM search_searchdocument WHERE id IN ({})"


# What the vocabulary was built from when the page cache, with the index table's version, cannot
# be reached: as SQL, it costs a quarter of the ORM's aggregate.
INDEX_STATE = "SELECT COUNT(id), MAX(updated_at), MAX(id) FROM search_searchdocument WHERE language = %s"


@dataclass(slots=True)
class Hit:
    """A document found, as a page of results shows it."""

    pk: int
    kind_name: str  # what it is (condition, patient story…), in the reader's language, capitalised
    url: str
    title: str
    snippet: str


@dataclass
class Search:
    query: str
    ids: list = field(default_factory=list)  # the ids of the documents found, best first
    corrections: dict = field(default_factory=dict)  # {typed term: term searched for instead}
    matched_all: bool = True
    more_than_shown: bool = False  # MAX_RESULTS found, and there may be more
    wanted: set = field(default_factory=set)  # every term looked for, for highlighting


class Vocabulary:
    """The terms of one language's documents, and each document's names (`names_of`), kept per
    process until the index changes."""

    _cache = {}
    _lock = threading.Lock()

    def __init__(self, terms_found, names):
        self.terms = terms_found
        self.words = sorted(term for term in terms_found if not is_han(term) and len(term) >= 3)
        self.names = names  # {document id: names_of(its title_terms)}

    @classmethod
    def of(cls, language):
        key = cls._index_state(language)
        with cls._lock:
            cached = cls._cache.get(language)
        if cached and cached[0] == key:
            return cached[1]
        found, names = set(), {}
        for pk, title_terms, body_terms in SearchDocument.objects.filter(language=language).values_list(
                "id", "title_terms", "body_terms").iterator():
            names[pk] = names_of(title_terms)
            found.update(names[pk][0])
            found.update(body_terms.split())
        vocabulary = cls(found, names)
        with cls._lock:
            cls._cache[language] = (key, vocabulary)
        return vocabulary

    @staticmethod
    def _index_state(language):
        """The index table's version (core.content_versions: a cache read, often one this request
        has made already), or, without the cache, the language's rows counted in the database.

        Recorded as read by the request: whatever its search finds or does not find comes from the
        index, though no query of it may read the table itself (an unknown word runs none; SQLite's
        matching reads only its FTS5 tables)."""
        recording = content_versions.request_recording()
        table = SearchDocument._meta.db_table
        read = recording.read if recording is not None else content_versions.current_versions
        version = read([table])[table]
        if version is not None:
            return version
        with connection.cursor() as cursor:
            cursor.execute(INDEX_STATE, [language])
            return cursor.fetchone()

    def nearest(self, term):
        """The known words nearest to an unknown one, or [] when none is close enough."""
        if is_han(term) or len(term) < 5:
            return []
        edits = 1 if len(term) <= 6 else 2
        found = process.extract(term, self.words, scorer=Levenshtein.distance, score_cutoff=edits, limit=5)
        if not found:
            return []
        best = min(distance for _word, distance, _index in found)
        return [word for word, distance, _index in found if distance == best]


def search(query, language):
    query = query.strip()[:MAX_QUERY_CHARS]
    result = Search(query=query)
    vocabulary = Vocabulary.of(language)
    groups = []
    typed = list(dict.fromkeys(terms(query, for_query=True)))
    meaningful = [term for term in typed if term not in LITTLE_WORDS] or typed
    for term in meaningful:
        if term in vocabulary.terms:
            groups.append([term])
        elif nearest := vocabulary.nearest(term):
            result.corrections[term] = nearest[0]
            groups.append(nearest)
    result.wanted = {term for group in groups for term in group}
    if not groups:
        return result
    found = _match(groups, language, every=True)
    if not found and len(groups) > 1:
        result.matched_all = False
        found = _match(groups, language, every=False)
    result.ids = _by_title(found, groups, vocabulary.names)
    result.more_than_shown = len(found) == MAX_RESULTS
    return result


def names_of(title_terms):
    """(every term of a document's title and other names, (each name's terms, ...)): its
    `title_terms`, a name a line."""
    names = tuple(frozenset(line.split()) for line in title_terms.splitlines())
    return frozenset().union(*names), names


NO_NAMES = (frozenset(), ())  # a document indexed after the vocabulary was read


def _by_title(pks, groups, names):
    """`pks` (in the database's order), in that order refined: more of the query in the title or
    another name first, then the name the query covers most nearly. `names`: {pk: names_of(...)}."""
    groups = [frozenset(group) for group in groups]
    sought = frozenset().union(*groups)
    # Unless a typed word was corrected to several words, each group is one term, and the groups a
    # name covers are the terms it holds (counting group by group took this twice as long: 56 µs).
    rival_spellings = any(len(group) > 1 for group in groups)
    titled, rest = [], []
    for position, pk in enumerate(pks):
        every, its_names = names.get(pk, NO_NAMES)
        if sought.isdisjoint(every):  # most found pages hold the query only in their text
            rest.append(pk)
            continue
        in_title = coverage = 0
        for name in its_names:
            if found := name & sought:
                covered = sum(not group.isdisjoint(found) for group in groups) if rival_spellings else len(found)
                if covered > in_title:
                    in_title = covered
                share = len(found) / len(name)
                if share > coverage:
                    coverage = share
        titled.append((-in_title, -coverage, position, pk))
    titled.sort()
    return [pk for *_order, pk in titled] + rest


def _match(groups, language, every):
    on_postgresql = connection.vendor == "postgresql"
    either, both, quote = (" | ", " & ", "'{}'") if on_postgresql else (" OR ", " AND ", '"{}"')
    expression = (both if every else either).join(
        "(" + either.join(quote.format(term) for term in group) + ")" for group in groups)
    if on_postgresql:
        sql, params = POSTGRESQL_MATCH, [expression, language, MAX_RESULTS]
    else:
        sql, params = SQLITE_MATCH.format(table=sqlite_index_table(language)), [expression, MAX_RESULTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


def shown(pks, wanted):
    """The documents `pks` (a page of results), in that order, each with a snippet around `wanted`,
    read in one query (as SQL: the ORM's query costs more than the snippets)."""
    if not pks:
        return []
    with connection.cursor() as cursor:
        cursor.execute(SHOWN.format(", ".join(["%s"] * len(pks))), [SNIPPET_SCAN_CHARS + 2 * SNIPPET_CHARS, *pks])
        rows = {row[0]: row for row in cursor.fetchall()}
    kind_names = {}
    hits = []
    marker = _Marker(wanted)
    for pk, kind, url, title, text in filter(None, map(rows.get, pks)):  # one deleted since it was found is left out
        if kind not in kind_names:
            kind_names[kind] = capfirst(str(apps.get_model(kind)._meta.verbose_name))
        hits.append(Hit(pk, kind_names[kind], url, title, snippet(text, marker)))
    return hits


def snippet(text, marker):
    """A short passage of `text` around the first word searched for, those words (`marker`, a _Marker)
    marked, as safe HTML."""
    spans = marker.spans(text[:SNIPPET_SCAN_CHARS])
    spans = _merge(sorted(spans))
    start = max(0, spans[0][0] - SNIPPET_CHARS // 3) if spans else 0
    end = min(len(text), start + SNIPPET_CHARS)
    end = max([end, *(span_end for span_start, span_end in spans if span_start < end)])  # never cut a marked word
    if start and " " in text[start:start + 20]:
        start = text.index(" ", start) + 1
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    pieces.append(escape(text[position:end]))
    return mark_safe(("…" if start else "") + "".join(pieces).replace("\n", " ") + ("…" if end < len(text) else ""))  # noqa: S308 - every piece of text is escaped


class _Marker:
    """Where a text holds the terms in `wanted`, for each snippet of a page of results (the pattern
    that finds their words is built once)."""

    def __init__(self, wanted):
        self.wanted = wanted
        self.han = [term for term in wanted if is_han(term)]
        beginnings = {term[:3] for term in wanted if not is_han(term)}
        alternatives = "|".join(map(_in_any_case, sorted(beginnings)))
        # Three letters rarely start a word inside another, and looking for a word's start in the pattern
        # (a look-behind) makes the regex two to four times slower. One or two (the t of CAR-T) start
        # words all through a text, mostly inside other words: the look-behind then spares a step in
        # Python for each (the spans of a page of "car t" results, 151 -> 127 µs).
        if any(len(beginning) < 3 for beginning in beginnings):
            alternatives = rf"(?<!{_LETTER.pattern})(?:{alternatives})"
        self.pattern = re.compile(alternatives) if beginnings else None

    def spans(self, text):
        """Where `text` holds the terms wanted, up to the end of the passage around the first one
        (the rest is never shown, and scanning a long text to its end cost more than the rest of
        the snippet): a Chinese term wherever it is; a word where one starts as a wanted stem does
        (a stem keeps its word's first letters), then confirmed by stemming that word alone, so
        that only likely words, not every word, are stemmed."""
        han = {term: text.find(term) for term in self.han}  # where each is first
        first = min((start for start in han.values() if start != -1), default=len(text))
        spans = []
        for term, start in han.items():
            while start != -1 and start <= first + SNIPPET_CHARS:
                spans.append((start, start + len(term)))
                start = text.find(term, start + 1)
        if self.pattern is None:
            return spans
        position = 0
        # A beginning is at most three letters: one starting at the passage's last position ends there.
        while found := self.pattern.search(text, position, first + SNIPPET_CHARS + 3):
            start, position = found.span()
            if start > first + SNIPPET_CHARS:
                break
            if start and _LETTER.match(text, start - 1):
                continue  # inside a word
            token = TOKEN.match(text, _word_start(text, start))
            if token and not self.wanted.isdisjoint(_terms_of_word(token.group())):
                spans.append(token.span())
                first = min(first, token.start())
        return spans


def _in_any_case(beginning):
    """A pattern for `beginning` (a term's, in lower case) in upper or lower case, ё for е. With
    re.IGNORECASE instead, finding a Russian word's beginning took twice as long."""
    pattern = ""
    for letter in beginning:
        cases = dict.fromkeys([letter, letter.upper(), *(("ё", "Ё") if letter == "е" else ())])
        cases = [case for case in cases if len(case) == 1]
        pattern += re.escape(letter) if len(cases) == 1 else f"[{''.join(cases)}]"
    return pattern


@lru_cache(maxsize=50_000)
def _terms_of_word(word):
    """The terms a word of a text is indexed by (the same few words start most of the words a
    snippet looks at: "t" of CAR-T, every "the" and "treatment")."""
    return frozenset(word_terms(normalise(word)))


def _word_start(text, position):
    """Where the word holding `position` starts: B-cell is marked whole when cell is sought."""
    while position >= 2 and text[position - 1] == "-" and _LETTER.match(text[position - 2]):
        position -= 1
        while position and _LETTER.match(text[position - 1]):
            position -= 1
    return position


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
