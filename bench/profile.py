"""`make profile`: where a rendered page's time goes, measured in-process.

Each page of `bench.run`'s plan (or the paths given) is requested through Django's whole
middleware stack on a copy of the demo database, as a visitor with a session would (the
page cache steps aside), first once to warm what a running server keeps, then 50 times
(the searches with `make bench`'s 1,000 generated documents in the index): the median
milliseconds per request (steadier than the mean on a shared machine) and SQL queries per
request. `--cold` gives every table a new version before every request, so that no fragment
kept is reused: the first rendering after an edit of everything a page shows. `--new` adds a
page number never asked before to every request, as `make bench`'s "new search" does: a
search's whole cost, with the rest of the page kept. `--top N PATH` adds cProfile's N most
expensive calls for PATH.

    make profile [PROFILE_ARGS='--cold --top 40 /en/consult/']
    make profile PROFILE_ARGS='--new --top 40 /en/search/?q=myeloma'
"""

import argparse
import cProfile
import itertools
import os
import pstats
import statistics
import time

from bench.run import FORM, PAGES, SEARCHES, add_search_documents
from bench.site_server import WORK, copy_of_demo_database

REQUESTS = 50


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--cold", action="store_true", help="empty the page cache before every request")
    parser.add_argument("--new", action="store_true", help="a page number never asked before per request")
    parser.add_argument("--top", type=int, default=0, help="cProfile's most expensive calls for the first path")
    args = parser.parse_args()
    database = copy_of_demo_database()
    add_search_documents(f"sqlite:///{database}")  # the index the searches of `make bench` run on
    os.environ.update(DJANGO_SETTINGS_MODULE="gobroad_site.settings.local", DATABASE_URL=f"sqlite:///{database}",
                      PAGE_CACHE_DIR=str(WORK / "page_cache"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core import content_versions

    client = Client(HTTP_ACCEPT_ENCODING="gzip", HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = "profile"  # not a session: nobody is signed in, the page cache steps aside

    tables = connection.introspection.table_names()
    asked = itertools.count(101)

    def get(path):
        """The response, and the seconds it took (with --cold, after new versions for every table,
        as if everything had just been edited: not counted)."""
        if args.cold:
            content_versions.bump(tables)
        if args.new:
            path = f"{path}{'&' if '?' in path else '?'}page={next(asked)}"
        started = time.perf_counter()
        response = client.get(path)
        return response, time.perf_counter() - started

    paths = args.paths or [*PAGES, FORM, *SEARCHES]
    print(f"{'path':<62} {'status':>6} {'ms':>7} {'queries':>8}   ({'cold' if args.cold else 'warm'})")
    for path in paths:
        get(path)
        with CaptureQueriesContext(connection) as queries:
            status = get(path)[0].status_code
        query_count = len(queries)  # before the next request empties the log
        per_request = statistics.median(get(path)[1] for _ in range(REQUESTS)) * 1000
        print(f"{path[:62]:<62} {status:>6} {per_request:7.2f} {query_count:>8}")
    if args.top:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(REQUESTS):
            get(paths[0])
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(args.top)


if __name__ == "__main__":
    main()
