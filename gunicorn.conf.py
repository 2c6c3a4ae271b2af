"""gunicorn's settings for Fuyuan (gunicorn reads ./gunicorn.conf.py; command-line options override it).

    .venv/bin/gunicorn fuyuan.wsgi --bind 127.0.0.1:8000

Each value can be set from the environment. The defaults come from the load test (loadtest/run_load.py,
README, Performance) on two cores, with PostgreSQL on the same machine:
- Sync workers, two per core plus one (WEB_CONCURRENCY): a request is Python work (rendering, the ORM) with
  short waits on PostgreSQL; while one worker waits another computes, and more workers than that only add
  memory and switching. Threads (GUNICORN_THREADS > 1, the gthread worker) share one interpreter lock per
  process and gained nothing on these pages.
- Workers are recycled after a few thousand requests (with jitter, so not all at once) to bound memory.
- Database connections are kept per worker (CONN_MAX_AGE) or pooled (DATABASE_POOL): fuyuan/settings.py.
- The garbage collector: what the master loaded is frozen before the fork (never scanned again, and its pages
  stay shared), and a worker collects its youngest generation every 50,000 allocations rather than 700. A page
  allocates tens of thousands of short-lived objects (querysets, expressions, template nodes) that reference
  counting frees; the default threshold ran ~7 young and one full collection a page, ~4 ms of a 77 ms page, and
  this leaves ~0.5 ms (measured over the load test's pages in one process). GUNICORN_GC_THRESHOLD=700 restores
  the default.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
# Imports Django once in the master; workers fork with the application loaded (faster start, shared pages).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

gc_threshold = int(os.environ.get("GUNICORN_GC_THRESHOLD", 50_000))


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.set_threshold(gc_threshold, 20, 100)
