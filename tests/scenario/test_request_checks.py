"""What reaches the endpoint without Slack's signature, or in a shape nobody can parse."""

import json
import time
from urllib.parse import urlencode

import pytest
from httpx import get as http_get

from tests.scenario.slack_requests import load, message, signed_headers


def nothing_posted(harness) -> bool:
    harness.web.settle()
    return [c.method for c in harness.web.calls()] == ["auth.test"]


def test_forged_signature_is_refused(harness):
    body = json.dumps(message("do you offer refunds?"))
    headers = signed_headers(body, secret="not-the-signing-secret")
    response = harness.slack.raw(body, headers)
    assert response.status_code == 401
    assert nothing_posted(harness)


def test_body_changed_after_signing_is_refused(harness):
    body = json.dumps(message("do you offer refunds?"))
    headers = signed_headers(body)
    response = harness.slack.raw(body.replace("refunds", "refundz"), headers)
    assert response.status_code == 401
    assert nothing_posted(harness)


@pytest.mark.parametrize("skew_s", [-301, 301, -3600])
def test_stale_or_future_timestamp_is_refused(harness, skew_s):
    body = json.dumps(message("do you offer refunds?"))
    response = harness.slack.raw(body, signed_headers(body, timestamp=int(time.time()) + skew_s))
    assert response.status_code == 401
    assert nothing_posted(harness)


@pytest.mark.parametrize("missing", ["X-Slack-Signature", "X-Slack-Request-Timestamp"])
def test_missing_headers_are_refused(harness, missing):
    body = json.dumps(message("do you offer refunds?"))
    headers = signed_headers(body)
    del headers[missing]
    assert harness.slack.raw(body, headers).status_code == 401
    assert nothing_posted(harness)


def test_unsigned_command_and_interaction_are_refused(harness):
    form = urlencode({"command": "/support", "text": "lookup acme-free", "user_id": "U0AGENT001"})
    assert harness.slack.raw(form, {"Content-Type": "application/x-www-form-urlencoded"}).status_code == 401
    assert nothing_posted(harness)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"type": "event_callback", "event": ', "application/json"),
        ("[1, 2, 3]", "application/json"),
        ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),
        (b"\xff\xfe\x00garbage", "application/json"),
    ],
    ids=["truncated json", "json array", "bad payload form", "not utf-8"],
)
def test_malformed_bodies_are_a_400_even_when_signed(harness, body, content_type):
    raw = body if isinstance(body, bytes) else body.encode()
    headers = signed_headers(raw.decode("latin-1"), content_type=content_type)
    response = harness.slack.raw(raw, headers)
    assert response.status_code == 400
    assert nothing_posted(harness)
    # and the server is still fine
    assert http_get(harness.server.base_url + "/healthz").text == "ok"


def test_url_verification_is_answered_with_the_challenge(harness):
    envelope = load("url_verification")
    response = harness.slack.event(envelope)
    assert response.status_code == 200
    assert response.json()["challenge"] == envelope["challenge"]


def test_health_endpoint(harness):
    response = http_get(harness.server.base_url + "/healthz")
    assert response.status_code == 200 and response.text == "ok"
