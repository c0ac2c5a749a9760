import pytest

from search.index import rebuild


@pytest.fixture
def search_index(demo):
    """The demo content, indexed. (Inside a test's transaction nothing commits, so the index is
    built here as `rebuild_search_index` builds it; tests/search/test_index.py follows commits.)"""
    rebuild()
