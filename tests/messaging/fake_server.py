"""A channel endpoint on 127.0.0.1, started by the test: records every request, answers as told."""

import http.server
import json
import threading
import urllib.parse


class FakeChannel:
    def __init__(self):
        self.requests = []  # (method, path, query dict, headers dict, body text)
        self.answers = []  # (status, body) to give, in order; then the default
        self.default = (200, json.dumps({"errcode": 0, "errmsg": "ok"}))
        self.lock = threading.Lock()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                split = urllib.parse.urlsplit(self.path)
                with fake.lock:
                    fake.requests.append((self.command, split.path, dict(urllib.parse.parse_qsl(split.query)),
                                          dict(self.headers), body))
                    status, answer = fake.answers.pop(0) if fake.answers else fake.default
                data = answer.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_GET = _serve

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def json_bodies(self):
        return [json.loads(body) for _m, _p, _q, _h, body in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
