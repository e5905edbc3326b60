"""A local stand-in for Slack's Web API: answers the methods the bot calls and records each call.

It listens on 127.0.0.1 on a free port; the app under test gets ``WebClient(base_url=...)``.
Tests assert on what it received. Faults are opt-in: a method can answer 429 with ``Retry-After``
a number of times, fail with a Slack error, or answer slowly.
"""

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0TEAM001"
RESPONSE_URL_PATH = "/response/"  # where payloads' response_url points


@dataclass(frozen=True)
class Call:
    method: str  # "chat.postMessage", ..., or "response_url" for respond()
    params: dict[str, Any]
    path: str
    at: float = 0.0  # time.monotonic() when it arrived (one clock for every process on the host)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks

    @property
    def text(self) -> str:
        return str(self.params.get("text") or "")

    @property
    def all_text(self) -> str:
        """Fallback text and every text inside the blocks, for content assertions."""
        found: list[str] = [self.text]

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "text" and isinstance(value, str):
                        found.append(value)
                    else:
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.blocks)
        return "\n".join(found)

    def buttons(self) -> list[dict[str, Any]]:
        return [
            element
            for block in self.blocks if block.get("type") == "actions"
            for element in block.get("elements", []) if element.get("type") == "button"
        ]


@dataclass
class _Fault:
    remaining: int
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    drop: bool = False  # close the connection without answering


@dataclass
class WebApiState:
    calls: list[Call] = field(default_factory=list)
    emails: dict[str, str] = field(default_factory=dict)
    not_in_channel: set[str] = field(default_factory=set)  # users postEphemeral refuses
    group_members: dict[str, list[str]] = field(default_factory=dict)
    faults: dict[str, list[_Fault]] = field(default_factory=dict)
    lock: threading.Condition = field(default_factory=threading.Condition)
    ts_counter: itertools.count = field(default_factory=lambda: itertools.count(1))


class WebApiStandIn:
    def __init__(self) -> None:
        self.state = WebApiState()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self.state))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="web-api", daemon=True)

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> "WebApiStandIn":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/"

    def response_url(self, name: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{RESPONSE_URL_PATH}{name}"

    # -- configuration ----------------------------------------------------------------------

    def set_email(self, user: str, email: str) -> None:
        self.state.emails[user] = email

    def refuse_ephemeral_for(self, user: str) -> None:
        self.state.not_in_channel.add(user)

    def set_group(self, group: str, members: list[str]) -> None:
        self.state.group_members[group] = members

    def fail(self, method: str, *, times: int = 1, status: int = 200, error: str | None = None,
             retry_after: int | None = None, delay: float = 0.0, drop: bool = False) -> None:
        """The next ``times`` calls of ``method`` answer with this fault (or none, with ``drop``)."""
        self.state.faults.setdefault(method, []).append(
            _Fault(remaining=times, status=status, error=error, retry_after=retry_after, delay=delay, drop=drop)
        )

    # -- what was received ------------------------------------------------------------------

    def calls(self, method: str | None = None, *, path: str | None = None, **where: Any) -> list[Call]:
        """Calls of ``method`` (all when None) to ``path``, whose parameters equal ``where``."""
        with self.state.lock:
            found = list(self.state.calls)
        return [
            c for c in found
            if (method is None or c.method == method) and (path is None or c.path == path)
            and all(c.get(k) == v for k, v in where.items())
        ]

    def posts(self, **where: Any) -> list[Call]:
        """Everything a channel could show: messages, ephemerals and response_url replies."""
        methods = {"chat.postMessage", "chat.postEphemeral", "response_url"}
        return [c for c in self.calls(**where) if c.method in methods]

    def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float = 10.0) -> list[Call]:
        """Wait (bounded) until ``predicate(all calls)`` holds; the calls, or AssertionError."""
        deadline = time.monotonic() + timeout
        with self.state.lock:
            while not predicate(list(self.state.calls)):
                left = deadline - time.monotonic()
                if left <= 0:
                    summary = [(c.method, c.params.get("channel"), c.text[:60]) for c in self.state.calls]
                    raise AssertionError(f"condition not met within {timeout}s; calls: {summary}")
                self.state.lock.wait(left)
            return list(self.state.calls)

    def wait_for_call(self, method: str, count: int = 1, timeout: float = 10.0, **where: Any) -> list[Call]:
        self.wait_for(lambda _: len(self.calls(method, **where)) >= count, timeout)
        return self.calls(method, **where)

    def settle(self, quiet_s: float = 0.2, timeout: float = 10.0) -> list[Call]:
        """Wait (bounded) until no call has arrived for ``quiet_s``: for asserting that nothing
        more is posted once the expected calls are in."""
        deadline = time.monotonic() + timeout
        with self.state.lock:
            while True:
                seen = len(self.state.calls)
                self.state.lock.wait(quiet_s)
                if len(self.state.calls) == seen:
                    return list(self.state.calls)
                if time.monotonic() > deadline:
                    raise AssertionError(f"calls kept arriving for {timeout}s")

    def clear(self) -> None:
        with self.state.lock:
            self.state.calls.clear()


def _handler_for(state: WebApiState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            parsed = urlparse(self.path)
            params = self._params(parsed.query)
            if parsed.path.startswith(RESPONSE_URL_PATH):
                self._record("response_url", params, parsed.path)
                self._reply(200, "ok", content_type="text/plain")
                return
            method = parsed.path.removeprefix("/api/")
            if not str(self.headers.get("Authorization", "")).startswith("Bearer xoxb-"):
                self._reply(200, {"ok": False, "error": "not_authed"})
                return
            fault = self._take_fault(method)
            if fault is not None:
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.drop:
                    self._record(method, params, parsed.path, failed=True)
                    self.close_connection = True  # the client sees the connection end, no response
                    return
                if fault.status != 200 or fault.error:
                    self._record(method, params, parsed.path, failed=True)
                    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                    self._reply(fault.status, {"ok": False, "error": fault.error or "ratelimited"}, headers=headers)
                    return
            self._record(method, params, parsed.path)
            self._reply(200, self._answer(method, params))

        def _params(self, query: str) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8") if length else ""
            params: dict[str, Any] = dict(parse_qsl(query))
            if raw.startswith("{"):
                params.update(json.loads(raw))
            elif raw:
                params.update(dict(parse_qsl(raw, keep_blank_values=True)))
            for key in ("blocks", "attachments"):
                if isinstance(params.get(key), str) and params[key].startswith("["):
                    params[key] = json.loads(params[key])
            return params

        def _take_fault(self, method: str) -> _Fault | None:
            with state.lock:
                queue = state.faults.get(method) or []
                while queue and queue[0].remaining <= 0:
                    queue.pop(0)
                if not queue:
                    return None
                queue[0].remaining -= 1
                return queue[0]

        def _record(self, method: str, params: dict[str, Any], path: str, failed: bool = False) -> None:
            if failed:
                params = {**params, "_failed": True}
            with state.lock:
                state.calls.append(Call(method=method, params=params, path=path, at=time.monotonic()))
                state.lock.notify_all()

        def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
            if method == "auth.test":
                return {"ok": True, "url": "https://example.slack.com/", "team": "Example", "user": "supportbot",
                        "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}
            if method == "chat.postMessage":
                ts = f"{1_700_000_000 + next(state.ts_counter)}.000100"
                return {"ok": True, "channel": params.get("channel"), "ts": ts,
                        "message": {"text": params.get("text"), "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": ts}}
            if method == "chat.postEphemeral":
                if params.get("user") in state.not_in_channel:
                    return {"ok": False, "error": "user_not_in_channel"}
                return {"ok": True, "message_ts": f"{1_700_000_000 + next(state.ts_counter)}.000200"}
            if method == "users.info":
                user = params.get("user", "")
                profile = {"real_name": f"User {user}"}
                if user in state.emails:
                    profile["email"] = state.emails[user]
                return {"ok": True, "user": {"id": user, "is_bot": False, "profile": profile}}
            if method == "conversations.open":
                users = str(params.get("users", ""))
                return {"ok": True, "channel": {"id": "D" + users.split(",")[0].lstrip("UW")}}
            if method == "chat.getPermalink":
                ts = str(params.get("message_ts", "")).replace(".", "")
                return {"ok": True, "channel": params.get("channel"),
                        "permalink": f"https://example.slack.com/archives/{params.get('channel')}/p{ts}"}
            if method == "usergroups.users.list":
                return {"ok": True, "users": state.group_members.get(str(params.get("usergroup")), [])}
            return {"ok": True}

        def _reply(self, status: int, body: dict[str, Any] | str, *, content_type: str = "application/json",
                   headers: dict[str, str] | None = None) -> None:
            data = (json.dumps(body) if isinstance(body, dict) else body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
