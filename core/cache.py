"""The page cache `make serve` shares between its gunicorn workers: files in one folder."""

import itertools
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class SharedFileCache(FileBasedCache):
    """Django's file cache, with two changes for what the page cache holds.

    Values are pickled but not compressed again: pages and fragments are stored with their
    compressed copies already, and Django's zlib on every read and write cost more than the file
    itself (5 reads a page: 0.15 ms of a 1.3 ms page kept in parts). Files of this shape end in
    `cache_suffix`, so that a file Django's own shape left in the folder is never read.

    It keeps to MAX_ENTRIES by checking one write in CULL_EVERY. Django's checks on every write,
    listing the whole folder: with the fragments and tables' versions a site keeps (hundreds of
    files) that was 0.3-2 ms per write, five writes for a page rendered from scratch. Checked less
    often, the folder can outgrow MAX_ENTRIES by at most CULL_EVERY files per worker before it is
    cut back.
    """

    cache_suffix = ".pickled"
    CULL_EVERY = 50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as file:
                if not self._is_expired(file):
                    return pickle.load(file)  # noqa: S301 - written by this class only, in a folder of our own
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as file:
                locks.lock(file, locks.LOCK_EX)
                try:
                    if self._is_expired(file):
                        return False
                    value = pickle.load(file)  # noqa: S301 - as in get()
                    file.seek(0)
                    self._write_content(file, timeout, value)
                    file.truncate()
                    return True
                finally:
                    locks.unlock(file)
        except FileNotFoundError:
            return False

    def _cull(self):
        if next(self._writes) % self.CULL_EVERY == 0:
            super()._cull()
