"""The HTTP face of the Slack app: Bolt's Starlette adapter under uvicorn.

``POST /slack/events`` takes events, slash commands and interactivity; ``GET /healthz`` says the
process is up. Bolt's dispatch is synchronous (it waits for ``ack()``), so it runs on a worker
thread: the event loop keeps accepting requests while one is being acknowledged.
"""

import logging

import uvicorn
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.request.internals import parse_body
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are far smaller; anything bigger is not from Slack


def readable(body: bytes, content_type: str | None) -> bool:
    """Whether Bolt can parse this body: it raises on bad UTF-8 or broken JSON, which would
    otherwise surface as a 500 from inside the adapter."""
    try:
        parsed = parse_body(body.decode("utf-8"), content_type)
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(parsed, dict)


def create_server(app: App) -> Starlette:
    async def events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"error": "request too large"}, status_code=413)
        content_type = request.headers.get("content-type", "").split(";")[0].strip() or None
        if not readable(body, content_type):
            log.warning("refused an unreadable %s body of %d bytes", content_type, len(body))
            return JSONResponse({"error": "malformed body"}, status_code=400)
        bolt_request = to_bolt_request(request, body)
        bolt_response = await run_in_threadpool(app.dispatch, bolt_request)
        return to_starlette_response(bolt_response)

    async def health(_: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[
        Route(EVENTS_PATH, events, methods=["POST"]),
        Route(HEALTH_PATH, health, methods=["GET"]),
    ])


def serve(app: App, *, host: str, port: int, log_level: str = "info") -> None:
    """Run until interrupted."""
    uvicorn.run(create_server(app), host=host, port=port, log_level=log_level, proxy_headers=True)
