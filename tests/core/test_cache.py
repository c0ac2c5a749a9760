"""The file cache `make serve` shares: it still keeps to MAX_ENTRIES, checked one write in fifty."""

from core.cache import SharedFileCache


def test_the_folder_is_cut_back_to_its_limit_without_listing_it_on_every_write(tmp_path):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}})
    listings = []
    original = cache._list_cache_files
    cache._list_cache_files = lambda: listings.append(1) or original()
    for number in range(200):
        cache.set(f"key-{number}", number)
    assert len(listings) == 200 // SharedFileCache.CULL_EVERY
    assert len(original()) <= 20 + SharedFileCache.CULL_EVERY
    assert cache.get("key-199") == 199
