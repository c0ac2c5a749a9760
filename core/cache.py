"""The page cache `make serve` shares between its gunicorn workers: files in one folder."""

import itertools

from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    """Django's file cache, keeping to MAX_ENTRIES by checking one write in CULL_EVERY.

    Django's checks on every write, listing the whole folder: with the fragments and tables'
    versions a site keeps (hundreds of files) that was 0.3-2 ms per write, five writes for a
    page rendered from scratch. Checked less often, the folder can outgrow MAX_ENTRIES by at
    most CULL_EVERY files per worker before it is cut back.
    """

    CULL_EVERY = 50

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = itertools.count(1)

    def _cull(self):
        if next(self._writes) % self.CULL_EVERY == 0:
            super()._cull()
