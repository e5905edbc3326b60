"""The libraries the Slack app works with, wired from settings: knowledge base, conversation,
billing adapter (with its time limit), action executor, and the bot's own stores.

Nothing here knows Slack; ``create_app`` adds the Slack side. Tests hand in their own adapter
(a slow one, say) or clock and get everything else real.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from actions.adapter import BillingAdapter
from actions.catalog import default_registry
from actions.clock import Clock, system_clock
from actions.executor import Executor
from actions.guarded import GuardedAdapter
from actions.registry import Registry
from actions.sqlite_adapter import SQLiteBillingAdapter
from bot.conversation import Conversation
from bot.dedupe import ClaimStore
from bot.settings import Settings
from bot.turn_log import TurnLog
from knowledge.base import KnowledgeBase
from knowledge.loader import load_knowledge_base


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeBase
    conversation: Conversation
    executor: Executor
    registry: Registry
    claims: ClaimStore
    turns: TurnLog
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        for close in reversed(self._closers):
            close()
        self._closers.clear()


def build_services(
    settings: Settings,
    *,
    kb: KnowledgeBase | None = None,
    adapter: BillingAdapter | None = None,
    clock: Clock = system_clock,
) -> Services:
    """``adapter`` replaces the billing backend read by answers (it is wrapped in the time limit).
    Actions run on the SQLite adapter itself: the executor's transaction must share the adapter's
    connection, which a guarded adapter keeps on a worker thread of its own."""
    kb = load_knowledge_base() if kb is None else kb  # an empty knowledge base is still the one given
    billing = SQLiteBillingAdapter(settings.db_path, clock=clock)
    # Answers read through the time limit; a guarded adapter owns (and closes) what it wraps.
    readers = GuardedAdapter(adapter or billing, timeout_s=settings.billing_timeout)
    registry = default_registry()
    executor = Executor(registry, billing, billing.connections, kb.policy, clock=clock)
    conversation = Conversation(kb, readers, clock=clock, channel_workspaces=settings.support_channels)
    services = Services(
        settings=settings, kb=kb, conversation=conversation, executor=executor, registry=registry,
        claims=ClaimStore(settings.db_path, clock=clock), turns=TurnLog(settings.db_path, clock=clock),
    )
    services._closers.extend([billing.close, readers.close, services.claims.close, services.turns.close])
    return services
