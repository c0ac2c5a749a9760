"""gunicorn.conf.py: a worker freezes what it has loaded, so full garbage collections stay short."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

CONFIG = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_freezes_what_it_holds_once_after_its_first_requests(unfrozen):
    worker = SimpleNamespace(nr=CONFIG["GC_FREEZE_AFTER_REQUESTS"] - 1)
    CONFIG["post_request"](worker, None, {}, None)
    assert gc.get_freeze_count() == 0
    worker.nr += 1
    CONFIG["post_request"](worker, None, {}, None)
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # Django and everything imported: no longer walked by full collections
    young = [[] for _ in range(1000)]
    worker.nr += 1
    CONFIG["post_request"](worker, None, {}, None)  # once: what is made later stays collectable
    # (Frozen objects may still be freed when nothing refers to them, so the count can only fall.)
    assert gc.get_freeze_count() <= frozen and young
