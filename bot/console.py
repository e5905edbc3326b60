"""The console channel: questions line by line on stdin, answers on stdout, as the bot would."""

import unicodedata
from collections.abc import Iterable
from typing import TextIO

from actions.asker import Asker
from bot.conversation import Conversation
from bot.messages import (
    CONSOLE_GOODBYE,
    CONSOLE_INTRO,
    CONSOLE_PROMPT,
    CONSOLE_WORKSPACE_CLEARED,
    CONSOLE_WORKSPACE_SET,
)
from bot.text_reply import render_reply_text

MAX_LINE_CHARS = 40_000  # Slack's own message limit; longer input is cut, not refused
ECHO_CHARS = 200
WORKSPACE_COMMAND = "/workspace"


def _echo(text: str) -> str:
    """The question as shown back: no control characters (an escape sequence would drive the
    terminal), and cut short so a huge paste does not flood the screen."""
    shown = "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return shown if len(shown) <= ECHO_CHARS else shown[:ECHO_CHARS] + "…"


def run_console(
    conversation: Conversation,
    lines: Iterable[str],
    out: TextIO,
    *,
    asker: Asker | None = None,
    interactive: bool = False,
) -> int:
    """Answer every non-blank line; returns how many were answered. Ends at end of input."""
    if interactive:
        out.write(CONSOLE_INTRO + "\n")
    answered = 0
    prompt = CONSOLE_PROMPT if interactive else ""
    out.write(prompt)
    out.flush()
    for raw in lines:
        text = raw.rstrip("\r\n")[:MAX_LINE_CHARS]
        command, _, slug = text.strip().partition(" ")
        if command == WORKSPACE_COMMAND:
            # Answers the "which workspace?" choice, as the workspace buttons do in Slack.
            asker = (asker or Asker()).model_copy(update={"workspace_slug": slug.strip() or None})
            out.write((CONSOLE_WORKSPACE_SET.format(slug=slug.strip()) if slug.strip() else CONSOLE_WORKSPACE_CLEARED) + "\n\n")
        elif text.strip():
            reply = conversation.reply(text, asker)
            if not interactive:
                out.write(f"> {_echo(text)}\n")
            out.write(render_reply_text(reply.match, reply.personal) + "\n\n")
            answered += 1
        out.write(prompt)
        out.flush()
    if interactive:
        out.write("\n" + CONSOLE_GOODBYE + "\n")
    return answered
