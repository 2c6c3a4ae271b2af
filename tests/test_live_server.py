"""The tests' live server (tests/live_server.py) ends its clients' keep-alive connections and joins their threads
when it stops, so none of them closes a database connection after the server stopped sharing it."""

import http.client
import threading

import pytest

from tests.live_server import start_live_server


def _request_threads():
    return {thread for thread in threading.enumerate() if "process_request_thread" in thread.name}


@pytest.mark.django_db(transaction=True)
def test_stopping_ends_keep_alive_connections_and_their_threads(request):
    before = _request_threads()
    server = start_live_server(request)
    client = http.client.HTTPConnection(server.thread.host, server.thread.port, timeout=10)
    try:
        client.request("GET", "/static/css/fuyuan.css")
        response = client.getresponse()
        response.read()
        assert response.status == 200
        assert not response.will_close
        assert _request_threads() - before, "the connection's thread waits for its next request"
    finally:
        server.stop()
        client.close()
    assert not _request_threads() - before
