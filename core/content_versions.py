"""What a cached page or fragment was built from, and whether it still is.

Every database table has a version in the shared page cache: a random token, replaced once a
transaction that wrote to the table commits. The SQL itself says which tables a statement
writes or reads, so `update()`, bulk inserts, M2M links, data loads and migrations count as
much as a model's `save()`, without any model having to remember to announce its changes.

While a page or fragment is rendered, `recording()` notes the version of each table its
queries read, taken before the read (a write committed during the render then makes the result
stale at once, never current). The cached copy keeps those versions and is current while each
table still has them: saving a story makes cold what read stories, and nothing else.
"""

import contextlib
import contextvars
import re
import uuid

from django.core.cache import caches
from django.db import connections
from django.db.backends.signals import connection_created

# Django quotes table names in both SQLite and PostgreSQL; raw SQL may not.
_TABLES = re.compile(r'\b(?:FROM|JOIN|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_KEY_PREFIX = "table-version:"

_recorder = contextvars.ContextVar("content_versions_recorder", default=None)


def _cache():
    return caches["pages"]


def current_versions(tables):
    """The version of each table, giving a table that has none (never written since the cache
    was emptied) a new one, so that every copy records a real version."""
    keys = {table: _KEY_PREFIX + table for table in tables}
    found = _cache().get_many(keys.values())
    versions = {table: found.get(key) for table, key in keys.items()}
    missing = [table for table, version in versions.items() if version is None]
    for table in missing:
        _cache().add(keys[table], uuid.uuid4().hex[:12], timeout=None)
    if missing:
        again = _cache().get_many([keys[table] for table in missing])
        versions.update({table: again.get(keys[table]) for table in missing})
    return versions


def is_current(versions):
    """Whether every table a copy was built from still has the version the copy recorded."""
    if not versions:
        return True
    keys = {_KEY_PREFIX + table: version for table, version in versions.items()}
    found = _cache().get_many(keys)
    return all(found.get(key) == version for key, version in keys.items())


def bump(tables):
    """New versions for `tables`: every copy built from them is stale from now on."""
    _cache().set_many({_KEY_PREFIX + table: uuid.uuid4().hex[:12] for table in tables}, timeout=None)


class Recording:
    """The versions of the tables read so far: those given at the start (a stale copy's tables,
    read in one go when its freshness was checked) and those met since."""

    def __init__(self, known=None):
        self.known = dict(known or {})
        self.versions = {}

    def read(self, tables):
        new = [table for table in tables if table not in self.versions]
        unknown = [table for table in new if table not in self.known]
        if unknown:
            self.known.update(current_versions(unknown))
        self.versions.update({table: self.known[table] for table in new})

    def include(self, versions):
        """A cached fragment used in this request: what it was built from, the page is built from."""
        self.versions.update({table: version for table, version in versions.items() if table not in self.versions})


@contextlib.contextmanager
def recording(known=None):
    """Record the versions of what the enclosed request reads."""
    token = _recorder.set(Recording(known))
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
