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


def test_values_are_stored_uncompressed_and_read_back_whole(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    html = "<main>" + "myeloma " * 500 + "</main>"
    cache.set("fragment", (1, html, b"\x00deflated"))
    assert cache.get("fragment") == (1, html, b"\x00deflated")
    assert cache.get("absent", "default") == "default"
    (stored,) = tmp_path.iterdir()
    assert html.encode() in stored.read_bytes()  # not compressed a second time
    assert cache.touch("fragment", 60) and cache.get("fragment") == (1, html, b"\x00deflated")
    assert not cache.touch("absent")


def test_a_file_in_djangos_own_shape_is_never_read(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    FileBasedCache(str(tmp_path), {}).set("page", "compressed by Django")
    assert SharedFileCache(str(tmp_path), {}).get("page") is None
