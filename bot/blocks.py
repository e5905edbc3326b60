"""Every Block Kit message the Slack app sends, built from library data. No I/O.

Text the bot did not write (questions, workspace names, lines from the actions layer) is escaped
here; the knowledge base's Markdown is converted to mrkdwn. Listeners never assemble blocks.
Blocks are plain dicts, clipped to Block Kit's limits here; building them is on the path of every
answer, so nothing heavier is used.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from actions.action_errors import InvalidArguments, InvalidRequest, KeyReused, UnknownAction
from actions.action_models import Outcome, Preview
from actions.personal_part import PersonalPart, PersonalStatus
from bot import messages as say
from bot.payloads import ActionId, ActionValue, ClarifyValue, TurnValue, WorkspaceValue
from bot.slack_text import clip, escape, link, markdown_to_mrkdwn, quote
from bot.turn_log import Stats
from knowledge.matching.result import Decision, MatchResult
from knowledge.schema import Entry

Block = dict[str, Any]

SECTION_CHARS = 3000   # Block Kit: text of a section or context element
FIELD_CHARS = 2000     # Block Kit: one field of a section
BUTTON_CHARS = 75      # Block Kit: label of a button
FALLBACK_CHARS = 3000  # notification text; the blocks carry the full message
MAX_BUTTONS = 25       # Block Kit: elements of one actions block


class SlackMessage(BaseModel):
    """A message ready for ``chat.postMessage`` / ``chat.postEphemeral`` / ``respond``."""

    model_config = ConfigDict(frozen=True)

    text: str
    blocks: tuple[Block, ...] = ()

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"text": self.text}
        if self.blocks:
            fields["blocks"] = list(self.blocks)
        return fields


def plain(text: str) -> SlackMessage:
    """A message of one line of the bot's own wording (already mrkdwn)."""
    return SlackMessage(text=text)


def _message(text: str, blocks: Iterable[Block]) -> SlackMessage:
    return SlackMessage(text=clip(text, FALLBACK_CHARS), blocks=tuple(blocks))


# -- Block Kit pieces ---------------------------------------------------------------------------


def _mrkdwn(text: str, limit: int = SECTION_CHARS) -> Block:
    return {"type": "mrkdwn", "text": clip(text, limit)}


def _plain_text(text: str, limit: int) -> Block:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _fields(*texts: str) -> Block:
    return {"type": "section", "fields": [_mrkdwn(text, FIELD_CHARS) for text in texts]}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _actions(buttons: Iterable[Block]) -> Block:
    return {"type": "actions", "elements": list(buttons)[:MAX_BUTTONS]}


def _button(label: str, action_id: str, value: str, style: str | None = None,
            confirm: Block | None = None) -> Block:
    button: Block = {"type": "button", "text": _plain_text(label, BUTTON_CHARS), "action_id": action_id,
                     "value": value}
    if style:
        button["style"] = style
    if confirm:
        button["confirm"] = confirm
    return button


def _confirm(title: str, text: str, yes: str, no: str) -> Block:
    """Slack's own confirmation dialog in front of a button."""
    return {"title": _plain_text(title, 100), "text": _mrkdwn(text, 300), "confirm": _plain_text(yes, 30),
            "deny": _plain_text(no, 30)}


def _sections(mrkdwn: str) -> list[Block]:
    """Long text split at paragraph breaks into sections that fit Block Kit's limit."""
    sections: list[Block] = []
    chunk = ""
    for paragraph in mrkdwn.split("\n\n"):
        candidate = f"{chunk}\n\n{paragraph}" if chunk else paragraph
        if len(candidate) <= SECTION_CHARS:
            chunk = candidate
            continue
        if chunk:
            sections.append(_section(chunk))
        chunk = clip(paragraph, SECTION_CHARS)
    if chunk:
        sections.append(_section(chunk))
    return sections


def _sources(entry: Entry) -> str:
    links = [link(source.link, source.heading) for source in entry.sources if source.url]
    return say.SLACK_SOURCE.format(links=" · ".join(links)) if links else ""


# -- customers ----------------------------------------------------------------------------------


def answer(entry: Entry, *, turn_id: str | None) -> SlackMessage:
    """The generic answer with its source; feedback buttons when it belongs to a logged turn."""
    text, body = _answer_body(entry)
    if turn_id is None:
        return SlackMessage(text=text, blocks=body)
    prompt, buttons = _feedback_blocks()
    value = TurnValue(turn=turn_id).encode()
    buttons = {**buttons, "elements": [{**button, "value": value} for button in buttons["elements"]]}
    return SlackMessage(text=text, blocks=body + (prompt, buttons))


@lru_cache(maxsize=1)
def _feedback_blocks() -> tuple[dict[str, Any], dict[str, Any]]:
    """The feedback prompt and buttons, built once; each answer fills in its turn."""
    placeholder = TurnValue(turn="-").encode()
    return _context(say.SLACK_FEEDBACK_PROMPT), _actions([
        _button(say.SLACK_HELPFUL, ActionId.HELPFUL, placeholder),
        _button(say.SLACK_NOT_HELPFUL, ActionId.NOT_HELPFUL, placeholder),
    ])


@lru_cache(maxsize=1024)
def _answer_body(entry: Entry) -> tuple[str, tuple[dict[str, Any], ...]]:
    """An entry's answer as mrkdwn sections and its source line: the same for every turn, so
    converted once (it is most of the work before an answer can be posted)."""
    body = markdown_to_mrkdwn(entry.answer)
    blocks: list[Block] = _sections(body)
    sources = _sources(entry)
    if sources:
        blocks.append(_context(sources))
    return clip(f"{body}\n\n{sources}".strip(), FALLBACK_CHARS), tuple(blocks)


def clarify(entries: Sequence[Entry], *, turn_id: str) -> SlackMessage:
    buttons = [
        _button(entry.question, ActionId.CLARIFY.indexed(i), ClarifyValue(turn=turn_id, entry=entry.id).encode())
        for i, entry in enumerate(entries)
    ]
    fallback = say.SLACK_CLARIFY_FALLBACK.format(questions="; ".join(escape(e.question) for e in entries))
    return _message(fallback, [_section(say.SLACK_CLARIFY), _actions(buttons)])


def handover_notice() -> SlackMessage:
    return plain(say.SLACK_HANDOVER)


def greeting() -> SlackMessage:
    return plain(say.SLACK_GREETING)


def small_talk() -> SlackMessage:
    return plain(say.SMALL_TALK)


def sorry() -> SlackMessage:
    return plain(say.SLACK_SORRY)


def personal(part: PersonalPart, *, turn_id: str, channel: str, thread_ts: str | None) -> SlackMessage | None:
    """The asker's own part, for their eyes only; None when there is nothing to add."""
    if part.status is PersonalStatus.FACTS:
        header = say.SLACK_PERSONAL_HEADER.format(name=escape(part.workspace_name or part.workspace_slug or ""))
        lines = "\n".join(f"• {escape(line)}" for line in part.lines)
        text = f"{header}\n{lines}".strip()
        blocks: list[Block] = _sections(text)
        if part.suggested_actions:
            blocks.append(_actions(
                _button(
                    action_label(name),
                    ActionId.SUGGESTED_ACTION.indexed(i),
                    ActionValue(action=name, workspace=part.workspace_slug, channel=channel,
                                thread_ts=thread_ts).encode(),
                    style="primary",
                )
                for i, name in enumerate(part.suggested_actions)
            ))
        return _message(text, blocks)
    if part.status is PersonalStatus.CHOOSE_WORKSPACE and part.choices:
        return _message(say.SLACK_CHOOSE_WORKSPACE, [
            _section(say.SLACK_CHOOSE_WORKSPACE),
            _actions(
                _button(choice.name, ActionId.WORKSPACE.indexed(i),
                        WorkspaceValue(turn=turn_id, slug=choice.slug).encode())
                for i, choice in enumerate(part.choices)
            ),
        ])
    if part.status is PersonalStatus.UNAVAILABLE:
        return plain(say.SLACK_UNAVAILABLE)
    return None


def feedback_thanks() -> SlackMessage:
    return plain(say.SLACK_THANKS)


def offer_human(turn_id: str) -> SlackMessage:
    return _message(say.SLACK_OFFER_HUMAN, [
        _section(say.SLACK_OFFER_HUMAN),
        _actions([_button(say.SLACK_ASK_HUMAN, ActionId.ASK_HUMAN, TurnValue(turn=turn_id).encode(), style="primary")]),
    ])


def human_requested() -> SlackMessage:
    return plain(say.SLACK_HUMAN_REQUESTED)


def already_handed_over() -> SlackMessage:
    return plain(say.SLACK_ALREADY_HANDED_OVER)


def agents_handover(
    *, question: str, user: str, channel: str, thread_ts: str, workspace: str | None,
    candidates: Sequence[Entry], permalink: str | None, answered: Entry | None = None,
) -> SlackMessage:
    """The post in the agents' channel: everything needed to pick the conversation up."""
    title = say.SLACK_AGENTS_HANDOVER.format(user=escape(user), channel=escape(channel))
    names = "\n".join(f"• {escape(entry.question)} (`{entry.id}`)" for entry in candidates)
    where = (
        say.SLACK_AGENTS_THREAD.format(permalink=escape(permalink)) if permalink
        else say.SLACK_AGENTS_NO_THREAD_LINK.format(channel=escape(channel), thread_ts=escape(thread_ts))
    )
    blocks: list[Block] = [
        _section(title),
        _section(f"{say.SLACK_AGENTS_QUESTION}\n{quote(question)}"),
        _fields(
            say.SLACK_AGENTS_ASKER.format(user=escape(user)),
            say.SLACK_AGENTS_WORKSPACE.format(
                workspace=escape(workspace) if workspace else say.SLACK_AGENTS_UNKNOWN_WORKSPACE),
        ),
        _section(say.SLACK_AGENTS_CANDIDATES.format(candidates=names or say.SLACK_AGENTS_NO_CANDIDATES)),
    ]
    if answered is not None:
        blocks.append(_context(say.SLACK_AGENTS_AFTER_ANSWER.format(question=escape(answered.question))))
    blocks.append(_context(where))
    return _message(f"{title}: {escape(clip(question, 300))}", blocks)


# -- actions ------------------------------------------------------------------------------------


def action_label(name: str) -> str:
    return say.SLACK_ACTION_LABELS.get(name, name.replace("-", " ").capitalize())


def _finding_text(summary: str, lines: Sequence[str]) -> str:
    body = "\n".join(f"• {escape(line)}" for line in lines)
    return f"{escape(summary)}\n{body}".strip()


def action_preview(preview: Preview, value: ActionValue) -> SlackMessage:
    """What the action would do; Confirm and Cancel when it is ready and changes something."""
    text = f"*{escape(action_label(preview.action))}*\n{_finding_text(preview.summary, preview.lines)}"
    blocks: list[Block] = _sections(text)
    if preview.ready and preview.needs_confirmation:
        label = escape(action_label(preview.action))
        confirm = _confirm(
            say.SLACK_CONFIRM_TITLE,
            say.SLACK_CONFIRM_TEXT.format(label=label, workspace=escape(preview.workspace or "")),
            say.SLACK_CONFIRM_YES,
            say.SLACK_CONFIRM_NO,
        )
        blocks.append(_actions([
            _button(say.SLACK_CONFIRM, ActionId.CONFIRM_ACTION, value.encode(), style="danger", confirm=confirm),
            _button(say.SLACK_CANCEL, ActionId.CANCEL_ACTION, value.encode()),
        ]))
    return _message(text, blocks)


def bad_request(error: InvalidRequest) -> SlackMessage:
    """What was wrong with an action request, in the bot's own words: never the exception's text
    (it may carry internals such as an idempotency key)."""
    if isinstance(error, UnknownAction):
        known = ", ".join(f"`{name}`" for name in error.known)
        return plain(say.SLACK_ACTION_UNKNOWN.format(name=escape(error.name), known=known))
    if isinstance(error, KeyReused):
        return plain(say.SLACK_ACTION_KEY_REUSED)
    if isinstance(error, InvalidArguments) and error.fields:
        fields = ", ".join(f"`{escape(field)}`" for field in error.fields)
        return plain(say.SLACK_ACTION_BAD_ARGUMENTS.format(fields=fields))
    return plain(say.SLACK_COMMAND_USAGE["action"])


def action_outcome(outcome: Outcome) -> SlackMessage:
    """The full result, for the person who confirmed it (facts stay private)."""
    text = f"*{escape(action_label(outcome.action))}*\n{_finding_text(outcome.summary, outcome.lines)}"
    return _message(text, _sections(text))


def action_outcome_public(outcome: Outcome, *, user: str) -> SlackMessage:
    """What the thread may see: who asked for which action and whether it was done."""
    return plain(say.SLACK_ACTION_PUBLIC_RESULT.format(
        user=escape(user), label=escape(action_label(outcome.action)),
        status=say.SLACK_ACTION_STATUS.get(outcome.status.value, outcome.status.value),
    ))


# -- agents: /support ---------------------------------------------------------------------------


def command_help(action_names: Iterable[str]) -> SlackMessage:
    text = say.SLACK_COMMAND_HELP.format(actions=", ".join(f"`{escape(n)}`" for n in action_names))
    return _message(text, _sections(text))


def lookup(workspace: str, findings: Sequence[Preview | Outcome]) -> SlackMessage:
    header = say.SLACK_LOOKUP_HEADER.format(workspace=escape(workspace))
    if not findings:
        return plain(say.SLACK_LOOKUP_NOTHING.format(workspace=escape(workspace)))
    parts = [header] + [
        f"*{escape(action_label(f.action))}*\n{_finding_text(f.summary, f.lines)}" for f in findings
    ]
    text = "\n\n".join(parts)
    return _message(text, _sections(text))


def ask_preview(question: str, match: MatchResult) -> SlackMessage:
    """What a customer would see, without buttons, headed by the matcher's decision."""
    head = say.SLACK_ASK_PREVIEW.format(question=escape(clip(question, 300)))
    decision = say.SLACK_ASK_DECISION.format(decision=match.decision.value, confidence=match.confidence)
    if match.decision is Decision.ANSWER and match.entry is not None:
        body = answer(match.entry, turn_id=None)
        return _message(f"{head}\n{body.text}", [_context(head), _context(decision), {"type": "divider"},
                                                  *body.blocks])
    if match.decision is Decision.CLARIFY:
        lines = "\n".join(f"• {escape(c.entry.question)} ({c.confidence:.2f})" for c in match.choices)
        text = f"{head}\n{decision}\n{say.SLACK_CLARIFY}\n{lines}"
    else:
        text = f"{head}\n{decision}\n{say.SLACK_HANDOVER}"
    return _message(text, _sections(text))


def kb_results(query: str, match: MatchResult, limit: int = 5) -> SlackMessage:
    shown = escape(clip(query, 200))
    if not match.candidates:
        return plain(say.SLACK_KB_NONE.format(query=shown))
    items = [
        say.SLACK_KB_ITEM.format(
            id=c.entry.id, question=escape(c.entry.question), confidence=c.confidence,
            link=link(c.entry.sources[0].link, c.entry.sources[0].heading) if c.entry.sources[0].url else "",
        ).rstrip()
        for c in match.candidates[:limit]
    ]
    text = say.SLACK_KB_HEADER.format(query=shown) + "\n" + "\n".join(items)
    return _message(text, _sections(text))


def stats(figures: Stats) -> SlackMessage:
    def pct(part: int, whole: int) -> str:
        rate = Stats.rate(part, whole)
        return say.SLACK_RATE_NONE if rate is None else f"{part} ({rate:.0%})"

    votes = figures.helpful + figures.not_helpful
    text = say.SLACK_STATS.format(
        days=figures.days, turns=figures.turns,
        answered=pct(figures.answered, figures.turns),
        clarified=pct(figures.clarified, figures.turns),
        escalated=pct(figures.escalated, figures.turns),
        handed_over=pct(figures.handed_over, figures.turns),
        helpful=pct(figures.helpful, votes), votes=votes,
    )
    return _message(text, _sections(text))
