"""gunicorn settings for SafeHarbor in production: ``gunicorn -c deploy/gunicorn.conf.py``.

Sized for the reference machine of docs/performance.md (2 cores) and for more without editing
this file: every number that depends on the machine reads an environment variable, refused
at start-up when it is not a whole number in range (``safeharbor.env``). docs/production.md says
why each value is what it is; the short version is beside each line.

The Django settings come from the same environment (SAFEHARBOR_ENV defaults to production).
"""

from __future__ import annotations

import os

from safeharbor.env import env_int, env_str

wsgi_app = "safeharbor.config.wsgi:application"
proc_name = "safeharbor"

# Behind a TLS-terminating proxy on the same host (docs/production.md): listen on loopback only.
bind = [env_str("SAFEHARBOR_BIND", "127.0.0.1:8000")]

# Processes: pages are Python work (templates, the access rules) between PostgreSQL queries, and
# one process runs Python on one core at a time (the GIL). Two per core plus one keeps every core
# busy while other processes wait on the database: 5 on 2 cores, 9 on 4. WEB_CONCURRENCY is the
# name hosting platforms already use for this number.
workers = env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1, minimum=1, maximum=64)

# Threads: each process serves a few requests at once, so one slow page does not stop a whole
# process. workers x threads is also the number of PostgreSQL connections held (CONN_MAX_AGE=60):
# 20 here, well below PostgreSQL's default max_connections of 100.
worker_class = "gthread"
threads = env_int("WEB_THREADS", 4, minimum=1, maximum=32)
# One connection per thread, none kept alive: a process whose threads are all busy accepts no
# more, so a request waits for the first free thread of any process instead of queueing behind
# slow pages in the process that happened to accept it (measured with the page benchmark: the
# minimal view's p95 fell from 1.9 s to 0.13 s at 20 users). The proxy opens a connection per
# request (nginx's default towards an upstream), which costs a loopback handshake.
worker_connections = threads
keepalive = 0

# A process that has not checked in with the arbiter for this long is killed and replaced. With
# threads, the process checks in between requests, so this catches a stuck process, not a slow
# page: bound slow queries with PostgreSQL's statement_timeout (docs/production.md).
timeout = env_int("WEB_TIMEOUT", 30, minimum=5, maximum=600)
# On SIGTERM (systemctl stop, a deploy) or SIGHUP (systemctl reload) a process stops accepting,
# finishes what it is serving for up to this long, and then exits: nobody's save is cut off.
graceful_timeout = env_int("WEB_GRACEFUL_TIMEOUT", 30, minimum=1, maximum=600)
# Replace each process after this many requests (jittered so they do not all restart together):
# a bound on slow memory growth in a long-running service; costs one fork now and then.
max_requests = 5000
max_requests_jitter = 500

# Not preloaded: each process imports the app itself, so `systemctl reload` (SIGHUP) starts new
# processes on new code while the old ones finish. A bad setting still stops the service at
# start-up: the processes fail to boot and the arbiter exits with the error in the journal.
preload_app = False

# The heartbeat file on tmpfs: a slow disk must not make healthy processes look stuck.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Logs to stdout and stderr: systemd's journal (or the platform) keeps them. The access log has
# the path but never the query string: search words are youth names.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "INFO").lower()

# No control socket: systemd (or the Procfile runner) controls the service with signals, and
# two instances on one host would otherwise contend for the same default socket path.
control_socket_disable = True
