"""The channels a message can take: e-mail, WeCom and DingTalk group robots, an HTTP SMS gateway.

Each channel sends one text to one address and answers (accepted, what the channel said). A channel never
raises for a refusal or a network error: the worker records the answer and decides about retrying.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail

TIMEOUT_SECONDS = 10


@dataclass
class Answer:
    accepted: bool
    text: str


def _http(method, url, body: bytes | None, headers: dict) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (configured URL)
            return response.status, response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(2000).decode("utf-8", "replace")


def _robot_answer(status, text) -> Answer:
    """Both robots answer HTTP 200 with {"errcode": 0, "errmsg": "ok"} when they accept a message."""
    try:
        accepted = status == 200 and json.loads(text).get("errcode") == 0
    except (ValueError, AttributeError):
        accepted = False
    return Answer(accepted, f"HTTP {status} {text}"[:1000])


def _guarded(send):
    def wrapper(*args, **kwargs):
        try:
            return send(*args, **kwargs)
        except (OSError, ValueError) as error:  # refused, timed out, bad address
            return Answer(False, f"{type(error).__name__}: {error}"[:1000])
    return wrapper


@_guarded
def send_email(address, subject, text, secret=""):
    """One mail to one address through Django's configured mailer."""
    sent = send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    return Answer(bool(sent), "accepted by the mail server" if sent else "not accepted")


@_guarded
def send_wecom(address, subject, text, secret=""):
    """企业微信 / 政务微信 group robot: POST {"msgtype": "text", "text": {"content": ...}} to its webhook."""
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    return _robot_answer(*_http("POST", address, body, {"Content-Type": "application/json; charset=utf-8"}))


def dingtalk_signature(timestamp_ms: int, secret: str) -> str:
    """钉钉's signature: base64 of HMAC-SHA256 over "timestamp\\nsecret" keyed by the secret, URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


@_guarded
def send_dingtalk(address, subject, text, secret=""):
    """钉钉 / 浙政钉 group robot, signed with timestamp and sign in the query when the robot has a secret."""
    url = address
    if secret:
        timestamp = int(time.time() * 1000)
        url += ("&" if "?" in url else "?") + f"timestamp={timestamp}&sign={dingtalk_signature(timestamp, secret)}"
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    return _robot_answer(*_http("POST", url, body, {"Content-Type": "application/json; charset=utf-8"}))


def _fill(template: str, values: dict, escape) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", escape(value))
    return template


@_guarded
def send_sms(address, subject, text, secret=""):
    """A generic HTTP SMS gateway: URL, method, auth header and body are templates with {mobile} and {text}."""
    values = {"mobile": address, "text": text}
    url = _fill(settings.SMS_GATEWAY_URL, values, lambda v: urllib.parse.quote(v, safe=""))
    headers = {"Content-Type": settings.SMS_CONTENT_TYPE}
    if settings.SMS_AUTH_HEADER and ":" in settings.SMS_AUTH_HEADER:
        name, value = settings.SMS_AUTH_HEADER.split(":", 1)
        headers[name.strip()] = value.strip()
    body = None
    if settings.SMS_BODY_TEMPLATE:
        if "json" in settings.SMS_CONTENT_TYPE:
            escape = lambda v: json.dumps(v, ensure_ascii=False)[1:-1]  # noqa: E731 (inside a JSON string)
        else:
            escape = lambda v: urllib.parse.quote_plus(v)  # noqa: E731
        body = _fill(settings.SMS_BODY_TEMPLATE, values, escape).encode()
    status, answer = _http(settings.SMS_METHOD.upper(), url, body, headers)
    accepted = 200 <= status < 300 and (not settings.SMS_SUCCESS_TEXT or settings.SMS_SUCCESS_TEXT in answer)
    return Answer(accepted, f"HTTP {status} {answer}"[:1000])


SENDERS = {"email": send_email, "wecom": send_wecom, "dingtalk": send_dingtalk, "sms": send_sms}
