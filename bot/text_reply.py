"""A reply as plain text, for the console and ``supportbot ask``: the answer with its sources,
the choices to clarify, or the hand-over; then the asker's own workspace facts, if any."""

from actions.personal_part import PersonalPart, PersonalStatus
from bot import messages as say
from knowledge.matching.result import Decision, MatchResult
from knowledge.schema import Entry


def render_reply_text(match: MatchResult, personal: PersonalPart | None = None) -> str:
    if match.decision is Decision.ANSWER and match.entry is not None:
        parts = [_answer(match.entry)]
        if personal is not None:
            parts.extend(_personal(personal))
        return "\n\n".join(parts)
    if match.decision is Decision.CLARIFY and match.choices:
        return _clarify(match)
    if match.small_talk:
        return say.SMALL_TALK
    if match.wants_person:
        return say.PERSON_REQUESTED
    return say.HANDOVER


def _answer(entry: Entry) -> str:
    links = entry.links
    if len(links) == 1:
        source = say.ANSWER_SOURCE.format(link=links[0])
    else:
        source = say.ANSWER_SOURCES.format(links=", ".join(links))
    return f"{entry.question}\n\n{entry.answer}\n\n{source}"


def _clarify(match: MatchResult) -> str:
    choices = match.choices
    lines = [say.CLARIFY_SINGLE if len(choices) == 1 else say.CLARIFY_INTRO]
    lines += [say.CLARIFY_CHOICE.format(number=n, question=c.entry.question) for n, c in enumerate(choices, start=1)]
    lines.append(say.CLARIFY_HINT)
    return "\n".join(lines)


def _personal(personal: PersonalPart) -> list[str]:
    if personal.status is PersonalStatus.FACTS and personal.lines:
        name = personal.workspace_name or personal.workspace_slug or ""
        lines = [say.PERSONAL_HEADER.format(name=name)]
        lines += [say.PERSONAL_LINE.format(line=line) for line in personal.lines]
        return ["\n".join(lines)]
    if personal.status is PersonalStatus.CHOOSE_WORKSPACE and personal.choices:
        lines = [say.PERSONAL_CHOOSE]
        lines += [say.PERSONAL_CHOICE.format(name=c.name, slug=c.slug) for c in personal.choices]
        return ["\n".join(lines)]
    if personal.status is PersonalStatus.UNAVAILABLE:
        return [say.PERSONAL_UNAVAILABLE]
    return []
