"""The domain vocabulary of the matcher (``vocabulary.yaml``), validated on load.

- ``synonyms``: canonical term -> phrases customers use for it ("money back" -> refund).
- ``translations``: canonical term -> the words customers writing in English as a second language
  keep from their own ("reembolso", "MwSt", "Gutschein"); read exactly as synonyms are.
- ``off_topic``: phrases naming subjects the knowledge base does not cover (SSO, analytics.js):
  a message about them goes to a human even when some of its words match an entry.
- ``vendors``: other companies' tools (HubSpot, Stripe). A message about one is off-topic ("how
  do I cancel my Mailchimp subscription"), but one that only compares with it is not (see
  ``vendor_frames``, and ``comparisons`` for a vendor named in the story).
- ``vendor_frames``: the frames in which a vendor is named without being the subject, with
  ``{tool}`` where the vendor stands: a comparison ("like {tool}", "{tool} based") or the
  vendor as an integration of ours ("the {tool} integration"). Matched word for word; their
  words are set aside.
- ``out_of_scope_examples``: questions customers ask that no entry answers ("how do I update
  the card on file"): a message closer to one of them than to any entry goes to a human.
- ``greetings``: what opens a message ("hi team", "good morning"); a question may follow.
- ``small_talk``: thanks, "ok", "cool" and fillers that carry no question.
- ``askers``: who a question is asked for ("our CFO", "the accountant", "the finance team"). Customers
  relay questions; the relay says who asks, never what, so these words are set aside. Matched
  word for word: "accountant" must not be read as its stem "account".
- ``acknowledgements``: what people say when an answer worked or a thread is done ("that fixed
  it", "never mind"). Their words still match ("fixed amount"), but a message made only of them
  and small talk, asking nothing, is not a question.
- ``person_requests``: asking for a person ("a human", "someone from support", "live agent") or
  chasing a thread ("any update", "bumping this"). Matched word for word and set aside; a message
  of them and nothing else is handed over at once (see ``handoff``).
- ``request_words``: the words around such a request that ask nothing themselves ("talk",
  "speak", "please").
- ``intents``: aims a question may have beside its subject ("obtain": "how do I get", "what
  steps"; "view": "where can I see"), each with the phrases that say it (see ``intents``).
- ``stop_words``: words too common to tell entries apart.
"""

from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from knowledge.errors import ContentError

VOCABULARY_FILE = "vocabulary.yaml"
TOOL = "{tool}"  # where a vendor frame names the vendor
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Vocabulary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    synonyms: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    translations: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    off_topic: tuple[str, ...] = ()
    vendors: tuple[str, ...] = ()
    vendor_frames: tuple[str, ...] = ()
    out_of_scope_examples: tuple[str, ...] = ()
    greetings: tuple[str, ...] = ()
    small_talk: tuple[str, ...] = ()
    acknowledgements: tuple[str, ...] = ()
    askers: tuple[str, ...] = ()
    person_requests: tuple[str, ...] = ()
    request_words: tuple[str, ...] = ()
    intents: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    stop_words: tuple[str, ...] = ()

    @field_validator("synonyms", "translations", "intents")
    @classmethod
    def _phrases_not_blank(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for canonical, phrases in value.items():
            if not canonical.strip() or any(not phrase.strip() for phrase in phrases):
                raise ValueError(f"blank phrase under '{canonical}'")
        return value

    @field_validator("request_words")
    @classmethod
    def _single_words(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for word in value:
            if len(word.split()) != 1:
                raise ValueError(f"'{word}' must be one word")
        return value

    @field_validator("vendor_frames")
    @classmethod
    def _frames_name_one_tool(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for frame in value:
            if frame.count(TOOL) != 1 or not frame.replace(TOOL, "").strip():
                raise ValueError(f"'{frame}' must hold {TOOL} once, beside other words")
        return value

    def off_topic_phrases(self) -> tuple[str, ...]:
        """Every phrase naming an off-topic subject: the off-topic list and the vendors."""
        return (*self.off_topic, *self.vendors)

    def term_phrases(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every canonical term with the phrases that stand for it: synonyms, then translations."""
        return [*self.synonyms.items(), *self.translations.items()]


def default_vocabulary_path() -> Path:
    return Path(str(resources.files("knowledge.matching") / VOCABULARY_FILE))


def load_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """Read and validate a vocabulary file (the shipped one by default)."""
    path = Path(path) if path else default_vocabulary_path()
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except (OSError, UnicodeDecodeError):
        raise ContentError(path, "cannot be read as UTF-8 text") from None
    except yaml.YAMLError as error:
        raise ContentError(path, f"not valid YAML: {getattr(error, 'problem', error)}") from None
    try:
        return Vocabulary.model_validate(raw or {})
    except ValidationError as error:
        detail = error.errors()[0]
        field = ".".join(str(part) for part in detail["loc"])
        raise ContentError(path, detail["msg"], field=field) from None
