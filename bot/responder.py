"""A customer's question, start to finish: the public answer in the thread first, then the part
only the asker sees. Matching and account facts come from the conversation; this module decides
where each piece goes.
"""

import logging
from datetime import timedelta

from actions.asker import Asker
from bot import blocks
from bot.handover import hand_over
from bot.routing import Inbound, Route, Verdict, route
from bot.runtime import Runtime
from bot.turn_log import Outcome, Turn
from knowledge.matching.result import Decision, MatchResult
from knowledge.schema import Entry

log = logging.getLogger(__name__)


def on_message(rt: Runtime, event: dict, *, bot_user_id: str) -> None:
    """Entry point for ``message`` and ``app_mention`` events (already acknowledged)."""
    inbound = Inbound.from_event(event)
    if inbound is None:
        log.warning("ignored a %s event without channel or ts", event.get("type"))
        return
    decided = route(
        inbound, bot_user_id=bot_user_id, support_channels=rt.services.settings.support_channels,
        thread_is_bots=rt.services.turns.thread_is_bots,
    )
    if decided.verdict is Verdict.IGNORE:
        log.debug("ignored message %s in %s: %s", inbound.ts, inbound.channel, decided.reason)
        return
    # One message can arrive as a mention and as a channel message: whichever comes first answers.
    if not rt.services.claims.claim(f"message:{inbound.channel}:{inbound.ts}"):
        return
    respond_to(rt, inbound, decided)


def respond_to(rt: Runtime, inbound: Inbound, decided: Route) -> None:
    assert inbound.user is not None and decided.thread_ts is not None  # routing guarantees both
    channel, thread_ts = inbound.channel, decided.thread_ts
    if decided.verdict is Verdict.GREET:
        rt.delivery.post(channel, blocks.greeting(), thread_ts=thread_ts)
        return
    try:
        match = rt.services.conversation.match(decided.question)
        if match.small_talk:
            # "thanks!", "ok cool": a friendly word back, not a question for the team or the stats.
            rt.delivery.post(channel, blocks.small_talk(), thread_ts=thread_ts)
            return
        earlier = rt.services.turns.latest(channel, thread_ts) if match.wants_person else None
        if earlier is not None and recently_handed_over(rt, earlier):
            # "any update?" twice in an hour: the agents have the thread; a second post is noise.
            rt.delivery.post(channel, blocks.already_handed_over(), thread_ts=thread_ts)
            return
        turn = rt.services.turns.record(
            channel=channel, thread_ts=thread_ts, user_id=inbound.user, question=decided.question,
            outcome=outcome_of(match), entry_id=match.entry.id if match.entry else None,
        )
    except Exception:  # noqa: BLE001 - logged in full; the asker gets a fixed sentence, never the error
        log.exception("could not handle message %s in %s", inbound.ts, channel)
        rt.delivery.post(channel, blocks.sorry(), thread_ts=thread_ts)
        return
    if match.wants_person:
        person_requested(rt, turn, earlier)
    elif turn.outcome is Outcome.ANSWERED and match.entry is not None:
        answer(rt, turn, match.entry, asker_user=inbound.user)
    elif turn.outcome is Outcome.CLARIFIED:
        rt.delivery.post(channel, blocks.clarify([c.entry for c in match.choices], turn_id=turn.id),
                         thread_ts=thread_ts)
    else:
        rt.delivery.post(channel, blocks.handover_notice(), thread_ts=thread_ts)
        hand_over(rt, turn, [c.entry for c in match.candidates[:3]])


def person_requested(rt: Runtime, turn: Turn, earlier: Turn | None) -> None:
    """"can I talk to a human?", "any update?": straight to the team. An answer earlier in the
    thread counts as one after which someone asked for a person, and goes to the agents with it."""
    answered = None
    if earlier is not None and earlier.outcome is Outcome.ANSWERED:
        rt.services.turns.hand_over(earlier.id)
        kb = rt.services.kb
        answered = kb.get(earlier.entry_id) if earlier.entry_id and earlier.entry_id in kb else None
    rt.delivery.post(turn.channel, blocks.human_requested(), thread_ts=turn.thread_ts)
    hand_over(rt, turn, [answered] if answered else [], answered=answered)


def recently_handed_over(rt: Runtime, turn: Turn) -> bool:
    since = turn.with_the_team_since
    if since is None:
        return False
    window = timedelta(minutes=rt.services.settings.chase_after_minutes)
    return rt.services.turns.now() - since < window


def outcome_of(match: MatchResult) -> Outcome:
    if match.decision is Decision.ANSWER and match.entry is not None:
        return Outcome.ANSWERED
    if match.decision is Decision.CLARIFY and match.choices:
        return Outcome.CLARIFIED
    return Outcome.ESCALATED


def answer(rt: Runtime, turn: Turn, entry: Entry, *, asker_user: str) -> None:
    """The generic answer for everyone in the thread, then the asker's own part for them alone.
    The generic answer goes out first, so a slow billing backend delays only the personal part."""
    rt.delivery.post(turn.channel, blocks.answer(entry, turn_id=turn.id), thread_ts=turn.thread_ts)
    personal_part(rt, turn, entry, rt.asker(asker_user, turn.channel))


def personal_part(rt: Runtime, turn: Turn, entry: Entry, asker: Asker) -> None:
    assert asker.slack_user_id is not None
    part = rt.services.conversation.personalise(entry, asker)
    message = blocks.personal(part, turn_id=turn.id, channel=turn.channel, thread_ts=turn.thread_ts)
    if message is not None:
        rt.delivery.private(turn.channel, asker.slack_user_id, message, thread_ts=turn.thread_ts)


