"""gunicorn settings: workers and threads from the CPU count, access log to stdout."""

import gc
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# One worker per CPU: the work is Python holding the GIL, and the threads cover the waits on the
# database and the cache. Measured with wrk (16 connections, 2 CPUs), 2 workers against 4: the
# static file 3,600-4,200 against 3,100-3,700 req/s, rendered pages and searches 10-37% more,
# and their p99 halved (one CPU time-sliced between two busy workers doubles each one's queue).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
accesslog = "-"
errorlog = "-"
timeout = 30
graceful_timeout = 20
# Recycle workers now and then as insurance against leaks, but rarely: a recycled worker imports
# Django again (0.45 s of CPU) and warms its caches, and the connections it held wait meanwhile
# (the other worker is at its cap, below; a cap of 12 instead of 8 did not shorten it). Under
# `make bench` each recycling is a p99 of 240-660 ms for the URL measured then: at 50 000 requests
# 18 recycled on SQLite, six URLs hit; at 200 000, 4 in an earlier run (two URLs), and 6 (six URLs,
# up to 566 ms) on 2026-12-06, when this machine served the static file at 3,600 req/s, 10 s per
# URL. At 1 000 000, none: each worker served about 780 000 requests and ended at 92-95 MB RSS (90
# MB for those recycled in the run before: no leak seen). Real visitors take months to make a
# million requests to one worker; the benchmark, minutes. Recycling every 4 000 requests under
# wrk: p99 565-770 ms; with preload_app 131-215 ms (the rest is the fork's first requests), and
# rendering the home pages before taking visitors did not help without it. preload_app is not
# used: `systemctl reload` (HUP, the release step) would then keep the old code.
max_requests = 1_000_000
max_requests_jitter = 100_000
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A gthread worker accepts every connection it can, so one worker could take all the
# keep-alive clients of a burst and leave the other CPU idle; capping each worker's
# connections spreads them. Waiting clients stay in the listen backlog, never refused.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads * 4))

# Python's full garbage collection walks every object the process holds: measured in warm
# workers under `make bench`, 37-171 ms each time (about 130 k objects: Django, the URLs, compiled
# templates, translations, the search vocabulary), several times a minute per worker under load,
# and every request waiting on that worker waits too. Once a worker has served
# GC_FREEZE_AFTER_REQUESTS requests it has loaded most of what it keeps: it collects once and
# freezes what is left (gc.freeze), and later full collections walk only what was made since
# (10-30 ms measured; freezing again later measured no better).
GC_FREEZE_AFTER_REQUESTS = 200


def post_request(worker, req, environ, resp):
    if worker.nr >= GC_FREEZE_AFTER_REQUESTS and not getattr(worker, "gc_frozen", False):
        worker.gc_frozen = True
        gc.collect()
        gc.freeze()
