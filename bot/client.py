"""The Web API client the app posts with: Slack's base URL (or a stand-in's) and retries.

Bolt copies ``base_url`` and ``retry_handlers`` from this client into the client it hands each
listener, so the retries apply to every call the app makes.
"""

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.settings import Settings

TIMEOUT_S = 10


def build_client(settings: Settings) -> WebClient:
    retries = settings.web_api_retries
    return WebClient(
        token=settings.secret("slack_bot_token") or None,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_S,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=retries),  # 429: waits Retry-After
            ConnectionErrorRetryHandler(max_retry_count=retries),
        ],
    )
