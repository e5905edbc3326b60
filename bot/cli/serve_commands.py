"""``supportbot serve``: the Slack app over HTTP (uvicorn) or Socket Mode."""

import logging
from typing import Annotated

import typer
from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackClientError

from bot.cli import wording
from bot.cli.errors import EXIT_REFUSED, fail
from bot.errors import SettingsError
from bot.services import Services, build_services
from bot.settings import Settings, load_settings

log = logging.getLogger(__name__)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("serve")(serve)


def serve(
    port: Annotated[int, typer.Option(help="HTTP mode: port to listen on.", envvar="PORT", min=1, max=65535)] = 3000,
    host: Annotated[str, typer.Option(help="HTTP mode: interface to listen on.")] = "0.0.0.0",
    socket_mode: Annotated[
        bool, typer.Option("--socket-mode", help="Connect out to Slack over Socket Mode (needs SLACK_APP_TOKEN).")
    ] = False,
) -> None:
    """Run the Slack app: POST /slack/events and GET /healthz over HTTP, or Socket Mode."""
    try:
        settings = load_settings()
    except SettingsError as error:
        fail(str(error))
    if socket_mode:
        serve_socket_mode(settings)
    else:
        serve_http(settings, host=host, port=port)


def serve_http(settings: Settings, *, host: str, port: int) -> None:
    if not (settings.slack_bot_token and settings.slack_signing_secret):
        fail(wording.SERVE_NEEDS_HTTP_CREDENTIALS)
    from bot.server import serve as run_server

    services, app = _start(settings)
    try:
        typer.echo(wording.SERVE_HTTP.format(host=host, port=port), err=True)
        run_server(app, host=host, port=port)
    finally:
        services.close()


def serve_socket_mode(settings: Settings) -> None:
    if not (settings.slack_bot_token and settings.slack_app_token):
        fail(wording.SERVE_NEEDS_SOCKET_CREDENTIALS)
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    services, app = _start(settings)
    try:
        typer.echo(wording.SERVE_SOCKET_MODE, err=True)
        SocketModeHandler(app, settings.secret("slack_app_token")).start()
    except (SlackClientError, OSError) as error:
        log.error("Socket Mode connection failed: %s", type(error).__name__)
        fail(wording.SERVE_SLACK_UNREACHABLE.format(url=settings.slack_api_url), EXIT_REFUSED)
    finally:
        services.close()


def _start(settings: Settings) -> tuple[Services, App]:
    """Services and app, or a clean exit: Bolt checks the token with auth.test right away."""
    from bot.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    services = build_services(settings)
    try:
        return services, create_app(settings, services=services)
    except BoltError:
        services.close()
        fail(wording.SERVE_TOKEN_REFUSED, EXIT_REFUSED)
    except (SlackClientError, OSError) as error:
        services.close()
        log.error("auth.test failed: %s", type(error).__name__)
        fail(wording.SERVE_SLACK_UNREACHABLE.format(url=settings.slack_api_url), EXIT_REFUSED)
