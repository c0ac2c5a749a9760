"""gunicorn settings: workers and threads from the CPU count, access log to stdout."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
accesslog = "-"
errorlog = "-"
timeout = 30
graceful_timeout = 20
# Recycle workers now and then as insurance against leaks, but rarely: a recycled worker
# imports Django again and warms its caches while the others carry its share, which
# under load put cached pages' p99 at 170-340 ms (`make bench`) instead of 12-20 ms.
# One worker stayed at 62 MB over 175 000 requests without recycling: memory allows it.
max_requests = 50000
max_requests_jitter = 5000
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A gthread worker accepts every connection it can, so one worker could take all the
# keep-alive clients of a burst and leave the other CPU idle; capping each worker's
# connections spreads them. Waiting clients stay in the listen backlog, never refused.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads * 4))
