"""What a cached page or fragment was built from, and whether it still is.

Every database table has a version in the shared page cache: a random token, replaced once a
transaction that wrote to the table commits. The SQL itself says which tables a statement
writes or reads, so `update()`, bulk inserts, M2M links, data loads and migrations count as
much as a model's `save()`, without any model having to remember to announce its changes.
Tables that never shape what a page shows (sessions, users, sign-in attempts, tasks, requests
sent to us: CONTENT_VERSIONS_IGNORED_TABLES) have none.

While a page or fragment is rendered, `recording()` notes the version of each table its
queries read, taken before the read (a write committed during the render then makes the result
stale at once, never current). The cached copy keeps that `Snapshot` and is current while each
table still has its version: saving a story makes cold what read stories, and nothing else.

Checking a page's twenty tables one by one would be twenty cache reads per hit, so every
write also replaces one version shared by all tables. A snapshot records it as it was when the
recording started; while it is unchanged nothing was written since, and one read settles it.
"""

import contextlib
import contextvars
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.backends.signals import connection_created

# Django quotes table names in both SQLite and PostgreSQL; raw SQL may not.
_TABLES = re.compile(r'\b(?:FROM|JOIN|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_KEY_PREFIX = "table-version:"
_ANY_TABLE = "content-version"

_recorder = contextvars.ContextVar("content_versions_recorder", default=None)


@dataclass
class Snapshot:
    """The shared version when a recording started, and each table's version as it was read."""

    version: str
    tables: dict = field(default_factory=dict)


def _cache():
    return caches["pages"]


def _new_token():
    return uuid.uuid4().hex[:12]


def _versions(keys):
    """The version under each key, giving a key that has none (never written since the cache was
    emptied, or evicted) a new one, so that every snapshot records a real version."""
    found = _cache().get_many(keys)
    missing = [key for key in keys if found.get(key) is None]
    for key in missing:
        _cache().add(key, _new_token(), timeout=None)
    if missing:
        found.update(_cache().get_many(missing))
    return found


def current_versions(tables, known=None):
    """The version of each table, those in `known` (read earlier in the same request) not read again."""
    known = {} if known is None else known
    unknown = [table for table in tables if table not in known]
    if unknown:
        found = _versions([_KEY_PREFIX + table for table in unknown])
        known.update({table: found.get(_KEY_PREFIX + table) for table in unknown})
    return {table: known[table] for table in tables}


def confirmed(snapshot, recording=None):
    """`snapshot` itself while nothing was written since it started; a new one, with the shared
    version of now, when something was but none of its tables changed (store it, and the next
    check is one read again); None when one of its tables changed. Within a request's
    `recording`, each table's version is read once."""
    if not snapshot.tables:
        return snapshot
    now = recording.snapshot.version if recording else _versions([_ANY_TABLE]).get(_ANY_TABLE)
    if now is not None and now == snapshot.version:
        return snapshot
    known = recording.known if recording else None
    if now is None or current_versions(snapshot.tables, known) != snapshot.tables:  # None: the cache is unreachable
        return None
    return Snapshot(now, snapshot.tables)


def bump(tables):
    """New versions for `tables`: every copy built from them is stale from now on."""
    _cache().set_many({_ANY_TABLE: _new_token(), **{_KEY_PREFIX + table: _new_token() for table in tables}},
                      timeout=None)


def _ignored(table):
    return table.startswith(tuple(settings.CONTENT_VERSIONS_IGNORED_TABLES))


class Recording:
    """What a request (or a fragment standing alone) has read so far."""

    def __init__(self):
        # Before any read: a write committed from here on changes it.
        self.snapshot = Snapshot(_versions([_ANY_TABLE]).get(_ANY_TABLE))
        self.known = {}  # every table's version read in this request, for reads and checks alike

    def read(self, tables):
        """Note that `tables` were read; their versions as this recording has them (none for a table
        whose writes change no page)."""
        new = [table for table in tables if table not in self.snapshot.tables and not _ignored(table)]
        if new:
            self.snapshot.tables.update(current_versions(new, self.known))
        return {table: self.snapshot.tables[table] for table in tables if not _ignored(table)}

    def include(self, snapshot):
        """A kept fragment used in this request: what it was built from, the page is built from.
        The fragment's versions were confirmed just now, so they belong to this recording too."""
        for table, version in snapshot.tables.items():
            self.snapshot.tables.setdefault(table, version)

    def copy(self):
        return Snapshot(self.snapshot.version, dict(self.snapshot.tables))


@contextlib.contextmanager
def recording():
    """Record the versions of what the enclosed request (or fragment) reads."""
    token = _recorder.set(Recording())
    try:
        yield _recorder.get()
    finally:
        _recorder.reset(token)


def request_recording():
    """The recording of the request being handled, or None.

    A fragment of a page records everything its request read until the fragment was rendered,
    not only its own queries: a lazily loaded object may have been read for an earlier fragment
    (the <head>) and only used, without a query, in this one.
    """
    return _recorder.get()


class _PendingBumps:
    """The tables one transaction wrote, given new versions when it commits (and forgotten, with
    the transaction's other on-commit work, when it rolls back)."""

    def __init__(self):
        self.tables = set()

    def __call__(self):
        bump(self.tables)


def _track(execute, sql, params, many, context):
    if not isinstance(sql, str):
        return execute(sql, params, many, context)
    statement = sql.lstrip()[:7].upper()
    if statement.startswith(_WRITES):
        result = execute(sql, params, many, context)
        _written(context["connection"], _TABLES.findall(sql))
        return result
    recorder = _recorder.get()
    if recorder is not None and statement.startswith(("SELECT", "WITH")):
        recorder.read(_TABLES.findall(sql))
    return execute(sql, params, many, context)


def _written(connection, tables):
    tables = [table for table in tables if not _ignored(table)]
    if not tables:
        return
    if not connection.in_atomic_block:
        bump(tables)
        return
    pending = next((func for _savepoints, func, _robust in connection.run_on_commit
                    if isinstance(func, _PendingBumps)), None)
    if pending is None:
        pending = _PendingBumps()
        connection.on_commit(pending, robust=True)
    pending.tables.update(tables)


def _install(connection, **kwargs):
    if _track not in connection.execute_wrappers:
        # First, not last: `connection.execute_wrapper()` blocks pop the last one on leaving.
        connection.execute_wrappers.insert(0, _track)


def install():
    """Track every database connection of every thread, including those already open."""
    connection_created.connect(_install, dispatch_uid="content-versions")
    for connection in connections.all(initialized_only=True):
        _install(connection)
