import pytest

from search.index import rebuild


@pytest.fixture
def search_index(demo):
    """The demo content, indexed. (Inside a test's transaction nothing commits, so the index is
    built here as `rebuild_search_index` builds it; tests/search/test_index.py follows commits.)"""
    rebuild()


@pytest.fixture(autouse=True)
def no_search_asked_before():
    """Each test starts as a new process would: no search asked before, so none is kept at first."""
    from search.views import asked_before

    asked_before.forget()
