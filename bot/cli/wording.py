"""Every sentence the command line prints (help texts aside, which live beside their options)."""

# kb check
CHECK_FILE_HEADER = "{file}"
CHECK_FINDING = "  {severity:<7} {where}{message}"
CHECK_SUMMARY = "{entries} entries checked: {errors} error(s), {warnings} warning(s)."
CHECK_PASSED = "Knowledge base OK."
CHECK_FAILED = "Knowledge base check failed."

# kb export
EXPORT_WROTE_FILE = "wrote {path}"
EXPORT_SUMMARY = "Exported {entries} entries as {fmt}: {count} file(s) in {out_dir}."

# where a content problem is
WHERE_ENTRY = "entry '{entry}'"
WHERE_FIELD = "field '{field}'"

# errors from the knowledge package
CONTENT_ERROR = "{file}{where}: {message}"
EXPORT_ERROR = "export failed: {message}"

# db / accounts
DB_READY = "Database {path} ready (schema version {version})."
DB_SEEDED = "Seeded {count} demo workspaces into {path}:"
DB_SEEDED_WORKSPACE = "  {slug:<26} {situation}"
DB_SEEDED_HINT = "Users are owner@, member@ and readonly@<slug>.example; see docs/demo-data.md."
DB_SEED_WHAT = "nothing to seed: pass --demo to write the demo data set"
DB_ERROR = "the database {path} cannot be used: {message}"
DB_CONFLICT = "the demo data clashes with records already in {path}: {message}"
IMPORT_DONE = "Imported {total} record(s) into {path}: {counts}."
IMPORT_COUNT = "{collection} {count}"
IMPORT_REJECTED = "{file} rejected, nothing imported: {message}"

# ---------------------------------------------------------------------------------------------
# action / audit tail
# ---------------------------------------------------------------------------------------------
ACTION_LIST_ROW = "{name:<20} {kind:<9} {purpose}\n{indent}who: {roles}"
ACTION_WHICH = "name an action (see `supportbot action --list`)"
ACTION_NEEDS_USER = "--user is required: the email or Slack user id of who is asking"
ACTION_BAD_ARG = "--arg '{arg}' must look like key=value"
ACTION_REPEATED_ARG = "--arg '{key}' is given twice"
ACTION_BAD_REQUEST = "invalid request: {problem}"
ACTION_NO_DB = "no database at {path}: run `supportbot db init` (and `supportbot db seed --demo`) first"
ACTION_POLICY_ERROR = "the policy data cannot be read: {message}"
ACTION_LINE = "  {line}"
ACTION_CONFIRM = "Do it?"
ACTION_DRY_RUN = "Nothing was done. Run again with --yes to do it."
ACTION_DECLINED = "Cancelled: nothing was done."
ACTION_REPLAYED = "(Already handled under key {key}: this is the first result, nothing ran again.)"
AUDIT_EMPTY = "No audit records{where}."
AUDIT_ROW = "{at} {phase:<7} {status:<12} {action:<19} {workspace:<24} {actor} ({role}) via {origin}{code}"

# ---------------------------------------------------------------------------------------------
# serve
# ---------------------------------------------------------------------------------------------
SERVE_NEEDS_HTTP_CREDENTIALS = "HTTP mode needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see docs/slack.md)"
SERVE_NEEDS_SOCKET_CREDENTIALS = "Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see docs/slack.md)"
SERVE_TOKEN_REFUSED = "Slack refused SLACK_BOT_TOKEN (auth.test failed): check the token and that the app is installed"
SERVE_SLACK_UNREACHABLE = "cannot reach the Slack Web API at {url}"
SERVE_HTTP = "Listening on http://{host}:{port}/slack/events (health: /healthz)"
SERVE_SOCKET_MODE = "Connecting to Slack over Socket Mode"

# ask --user
ACCOUNTS_DB_MISSING = (
    "no accounts database at {path}: run `supportbot db seed --demo` (or `db init` and "
    "`accounts import`), set SUPPORTBOT_DB, or pass --demo"
)
