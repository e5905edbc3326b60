"""``/support`` text parsed into a subcommand and its arguments. Pure."""

import shlex
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

MAX_DAYS = 365
DEFAULT_DAYS = 7


class Sub(StrEnum):
    HELP = "help"
    LOOKUP = "lookup"
    ASK = "ask"
    ACTION = "action"
    KB = "kb"
    STATS = "stats"


class Parsed(BaseModel):
    model_config = ConfigDict(frozen=True)

    sub: Sub
    text: str = ""                  # ask / kb: the rest of the line
    workspace: str | None = None    # lookup / action
    action: str | None = None       # action
    args: dict[str, str] = {}       # action: key=value pairs
    days: int = DEFAULT_DAYS        # stats
    usage: bool = False             # the subcommand is known but its arguments are not right


def parse(text: str) -> Parsed:
    """Unknown or empty subcommands are HELP; known ones with bad arguments ask for their usage."""
    head, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    try:
        sub = Sub(head.lower())
    except ValueError:
        return Parsed(sub=Sub.HELP)
    if sub in (Sub.ASK, Sub.KB):
        return Parsed(sub=sub, text=rest, usage=not rest)
    if sub is Sub.LOOKUP:
        words = rest.split()
        return Parsed(sub=sub, workspace=words[0] if len(words) == 1 else None, usage=len(words) != 1)
    if sub is Sub.STATS:
        if not rest:
            return Parsed(sub=sub)
        if rest.isdigit() and 1 <= int(rest) <= MAX_DAYS:
            return Parsed(sub=sub, days=int(rest))
        return Parsed(sub=sub, usage=True)
    if sub is Sub.ACTION:
        return _action(rest)
    return Parsed(sub=sub)


def _action(rest: str) -> Parsed:
    try:
        words = shlex.split(rest)
    except ValueError:  # an unclosed quote
        return Parsed(sub=Sub.ACTION, usage=True)
    if len(words) < 2:
        return Parsed(sub=Sub.ACTION, usage=True)
    name, workspace, *pairs = words
    args: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            return Parsed(sub=Sub.ACTION, usage=True)
        args[key.replace("-", "_")] = value
    return Parsed(sub=Sub.ACTION, action=name, workspace=workspace, args=args)
