"""The live server the browser tests (and tests/security/test_no_store.py) talk to: pytest-django's, stopped cleanly.

pytest-django's LiveServer shares the in-memory SQLite connection with the server's threads
(inc_thread_sharing) and, on stop(), shuts the server down and then takes that sharing back
(dec_thread_sharing). Django's ThreadedWSGIServer runs each client connection in a daemon thread that
nobody joins, and a keep-alive connection's thread lives until the client hangs up. Chromium keeps its
connections open, so at the end of the session threads were still waiting on them after stop(); when the
browser closed (after the live server: session fixtures tear down in reverse), each woke up, closed the
database connections in close_request() and raised "DatabaseWrapper objects created in a thread can only
be used in that same thread" — about 80 PytestUnhandledThreadExceptionWarnings a CI run.

This server hangs up on its clients itself when it is closed and waits for their threads, as a real
server does on shutdown, so no request thread outlives the connection sharing.
"""

import os
import socket
import threading

from django.core.servers.basehttp import ThreadedWSGIServer


class JoiningWSGIServer(ThreadedWSGIServer):
    """ThreadedWSGIServer whose server_close() ends every open client connection and joins its thread."""

    # Not daemon threads: socketserver then keeps the request threads and server_close() joins them.
    daemon_threads = False

    def __init__(self, *args, **kwargs):
        self._open_requests = set()
        self._open_requests_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        with self._open_requests_lock:
            self._open_requests.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        # Under the lock, so server_close() never shuts down a socket (or a reused descriptor) closed here.
        with self._open_requests_lock:
            self._open_requests.discard(request)
            super().shutdown_request(request)

    def server_close(self):
        with self._open_requests_lock:
            for request in self._open_requests:
                try:
                    # A thread waiting for the next request on a keep-alive connection reads end-of-file and
                    # ends, closing its database connections while they are still shared with it.
                    request.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # the client hung up already
        super().server_close()  # closes the listening socket and joins the request threads


def start_live_server(request):
    """pytest-django's live_server fixture, with JoiningWSGIServer (same address option and environment)."""
    from pytest_django.live_server_helper import LiveServer

    addr = (request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
            or "localhost")
    server = LiveServer(addr, start=False)
    server.thread.server_class = JoiningWSGIServer
    server.start()
    return server
