"""``supportbot run`` (what ``make run`` calls) picks its mode from the environment."""

import shutil
import subprocess

from tests.scenario.test_serve_command import (  # noqa: F401 (web is a fixture)
    SUPPORTBOT,
    assert_answers_a_signed_event,
    environment,
    serving,
    web,
)


def test_run_with_bot_token_and_signing_secret_serves_http(web, demo_db, tmp_path):  # noqa: F811
    db = tmp_path / "run.db"
    shutil.copy(demo_db, db)
    with serving("run", env=environment(web, db)) as base:
        assert_answers_a_signed_event(web, base)


def test_run_with_an_app_token_goes_to_socket_mode_not_the_console(web, demo_db, tmp_path):  # noqa: F811
    db = tmp_path / "run.db"
    shutil.copy(demo_db, db)
    env = environment(web, db, SLACK_APP_TOKEN="xapp-1-refused-by-the-stand-in")
    result = subprocess.run([*SUPPORTBOT, "run"], env=env, input="do you offer refunds?\n",
                            capture_output=True, text=True, timeout=60)
    # Socket Mode needs Slack itself; the stand-in refuses the connection, so it must end with a
    # clean error, and it must not have answered stdin as the console would.
    assert "Segment doesn't offer refunds" not in result.stdout
    assert "Traceback" not in result.stderr
    assert result.returncode != 0
