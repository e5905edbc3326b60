"""Every sentence the bot package shows a person, in one place.

Grouped by where it appears. Templates use ``str.format`` fields; nothing here is built from an
exception's text.
"""

# --- Replies as text (console, ``supportbot ask``) -------------------------------------------

ANSWER_SOURCE = "Source: {link}"
ANSWER_SOURCES = "Sources: {links}"
CLARIFY_INTRO = "I'm not sure which of these you mean:"
CLARIFY_SINGLE = "I'm not sure I understood. Did you mean this?"
CLARIFY_CHOICE = "  {number}. {question}"
CLARIFY_HINT = "Ask again in your own words with a little more detail, or ask for a person."
HANDOVER = (
    "I don't have a reliable answer to that, so I'm passing it to the support team. "
    "Someone will get back to you here."
)
PERSON_REQUESTED = "I've asked the support team to pick this up. Someone will get back to you here."
SMALL_TALK = (
    "Happy to help! Ask me a billing or account question any time, or say so if you'd like a person."
)
PERSONAL_HEADER = "For your workspace {name}:"
PERSONAL_LINE = "  - {line}"
PERSONAL_CHOOSE = "You're a member of several workspaces. Which one do you mean?"
PERSONAL_CHOICE = "  - {name} ({slug})"
PERSONAL_UNAVAILABLE = (
    "I couldn't look up your workspace's account details just now; the answer above still applies."
)

# --- Console channel --------------------------------------------------------------------------

CONSOLE_INTRO = (
    "Support console: type a question and press Enter. "
    "`/workspace SLUG` picks your workspace. Ctrl-D to quit."
)
CONSOLE_WORKSPACE_SET = "Asking for workspace {slug} from now on."
CONSOLE_WORKSPACE_CLEARED = "No workspace chosen: you will be asked when it matters."
CONSOLE_PROMPT = "you> "
CONSOLE_GOODBYE = "Bye."

# --- Command line: ask, match, eval -----------------------------------------------------------

MATCH_LINE_EMPTY = "empty line"
MATCH_LINE_NOT_JSON = "not valid JSON"
MATCH_LINE_NO_TEXT = "expected a JSON object with a string field 'text'"
MATCH_NEEDS_INPUT = "give a QUESTION, or --jsonl to read JSON lines on standard input"
EVAL_SET_MISSING = "evaluation set not found: {path} (pass the file to evaluate)"
EVAL_TITLE = "Evaluation of {path}: {total} questions ({in_scope} in scope, {out_of_scope} out of scope)"
EVAL_RATE_CORRECT = "answered correctly (of in-scope)"
EVAL_RATE_WRONG = "answered wrongly (of in-scope)"
EVAL_RATE_OUT_OF_SCOPE = "out-of-scope answered"
EVAL_RATE_CLARIFY = "clarify rate (of all)"
EVAL_MISSES_TITLE = "Misses ({count})"
EVAL_NO_MISSES = "No misses."
EVAL_OUT_OF_SCOPE = "(out of scope)"
EVAL_NOTHING = "-"


# ---------------------------------------------------------------------------------------------
# Slack: what the Slack app says (rendered by bot/blocks.py). mrkdwn; ``{placeholders}`` are
# filled with text that bot/slack_text.py has already escaped.
# ---------------------------------------------------------------------------------------------

SLACK_SOURCE = "Source: {links}"
SLACK_FEEDBACK_PROMPT = "Did this answer your question?"
SLACK_HELPFUL = "Helpful"
SLACK_NOT_HELPFUL = "Not helpful"
SLACK_THANKS = "Thanks for letting me know."
SLACK_OFFER_HUMAN = "Sorry that didn't help. Would you like someone from the support team to take a look?"
SLACK_ASK_HUMAN = "Ask a person"
SLACK_HUMAN_REQUESTED = "I've asked the support team to pick this up. Someone will reply in this thread."
SLACK_ALREADY_HANDED_OVER = "The support team already has this one; someone will reply in this thread."

SLACK_GREETING = "Hi! Ask me a billing or account question and I'll answer it in this thread."
SLACK_SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
SLACK_CLARIFY = CLARIFY_INTRO
SLACK_CLARIFY_FALLBACK = "I'm not sure which question you mean: {questions}"
SLACK_HANDOVER = HANDOVER

SLACK_PERSONAL_HEADER = "For your workspace *{name}*:"
SLACK_CHOOSE_WORKSPACE = PERSONAL_CHOOSE
SLACK_UNAVAILABLE = PERSONAL_UNAVAILABLE

SLACK_ACTION_LABELS = {
    "revoke-deletion": "Revoke deletion",
    "coupon-status": "Coupon status",
    "trial-status": "Trial status",
    "usage-status": "Usage status",
    "tax-status": "Tax status",
    "startup-eligibility": "Startup Program eligibility",
    "transfer-precheck": "Source transfer check",
    "escalate": "Hand over to a person",
}
SLACK_CONFIRM = "Confirm"
SLACK_CANCEL = "Cancel"
SLACK_CONFIRM_TITLE = "Are you sure?"
SLACK_CONFIRM_TEXT = "*{label}* for *{workspace}*. This changes the account."
SLACK_CONFIRM_YES = "Yes, do it"
SLACK_CONFIRM_NO = "Not now"
SLACK_ACTION_CANCELLED = "Cancelled. Nothing was changed."
SLACK_ACTION_IN_PROGRESS = "That one is already being handled."
SLACK_ACTION_STATUS = {
    "done": "done",
    "not-possible": "not possible",
    "refused": "refused",
    "failed": "failed",
}
SLACK_ACTION_PUBLIC_RESULT = "<@{user}> asked me to *{label}*: {status}."
SLACK_ACTION_UNKNOWN = "There is no action called `{name}`. Actions: {known}."
SLACK_ACTION_BAD_ARGUMENTS = "Those arguments don't fit the action: check {fields}. Arguments are written `key=value`."
SLACK_ACTION_KEY_REUSED = "That button belongs to a different request. Start again with `/support action`."
SLACK_ACTION_TOO_LONG = "That request is too long to confirm with a button. Shorten its arguments and try again."

SLACK_AGENTS_HANDOVER = "Hand-over from <@{user}> in <#{channel}>"
SLACK_AGENTS_QUESTION = "*Question*"
SLACK_AGENTS_ASKER = "*Asked by*\n<@{user}>"
SLACK_AGENTS_WORKSPACE = "*Workspace*\n{workspace}"
SLACK_AGENTS_UNKNOWN_WORKSPACE = "not known"
SLACK_AGENTS_CANDIDATES = "*Closest entries*\n{candidates}"
SLACK_AGENTS_NO_CANDIDATES = "none came close"
SLACK_AGENTS_THREAD = "<{permalink}|Open the thread>"
SLACK_AGENTS_NO_THREAD_LINK = "Thread link unavailable (channel <#{channel}>, ts {thread_ts})"
SLACK_AGENTS_AFTER_ANSWER = "They marked the answer *{question}* as not helpful."

SLACK_COMMAND_REFUSED = (
    "Sorry, `/support` is only for the support team. "
    "If you have a question, ask it in your support channel or send me a direct message."
)
SLACK_COMMAND_HELP = (
    "*`/support` for the support team*\n"
    "• `/support lookup WORKSPACE`: account facts of a workspace\n"
    "• `/support ask QUESTION`: preview the answer the bot would give\n"
    "• `/support action NAME WORKSPACE [key=value ...]`: preview an action, then confirm it\n"
    "• `/support kb SEARCH`: find knowledge-base entries\n"
    "• `/support stats [DAYS]`: answered, clarified, escalated and helpful rates\n"
    "• `/support help`: this list\n"
    "Actions: {actions}"
)
SLACK_COMMAND_USAGE = {
    "lookup": "Usage: `/support lookup WORKSPACE`",
    "ask": "Usage: `/support ask QUESTION`",
    "action": "Usage: `/support action NAME WORKSPACE [key=value ...]`",
    "kb": "Usage: `/support kb SEARCH`",
    "stats": "Usage: `/support stats [DAYS]` (DAYS from 1 to 365)",
}
SLACK_LOOKUP_HEADER = "*Account facts for `{workspace}`*"
SLACK_LOOKUP_NOTHING = "Nothing to show for `{workspace}`."
SLACK_ASK_PREVIEW = "*Preview*: what the bot would answer to: {question}"
SLACK_ASK_DECISION = "Decision: *{decision}* (confidence {confidence:.2f})"
SLACK_KB_HEADER = "*Knowledge base entries for* {query}"
SLACK_KB_NONE = "No entry comes close to {query}."
SLACK_KB_ITEM = "• `{id}` {question} ({confidence:.2f}) {link}"
SLACK_STATS = (
    "*Last {days} days*: {turns} questions\n"
    "• answered: {answered}\n"
    "• clarified: {clarified}\n"
    "• escalated: {escalated}\n"
    "• handed over after an answer: {handed_over}\n"
    "• helpful: {helpful} ({votes} votes)"
)
SLACK_RATE_NONE = "n/a"
