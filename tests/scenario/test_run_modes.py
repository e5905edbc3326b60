"""``supportbot run`` (what ``make run`` calls) picks its mode from the environment."""

import shutil
import subprocess
import time

import httpx

from tests.scenario.slack_requests import SlackSender, message, next_ts
from tests.scenario.test_serve_command import SUPPORTBOT, environment, free_port, web  # noqa: F401 (fixture)


def test_run_with_bot_token_and_signing_secret_serves_http(web, demo_db, tmp_path):  # noqa: F811
    db = tmp_path / "run.db"
    shutil.copy(demo_db, db)
    port = free_port()
    process = subprocess.Popen([*SUPPORTBOT, "run", "--host", "127.0.0.1", "--port", str(port)],
                               env=environment(web, db), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "server did not come up"
            time.sleep(0.05)
        ts = next_ts()
        sender = SlackSender(base + "/slack/events")
        assert sender.event(message("do you offer refunds?", ts=ts)).status_code == 200
        [post] = web.wait_for_call("chat.postMessage", thread_ts=ts)
        assert "refund" in post.all_text.lower()
        sender.close()
    finally:
        process.terminate()
        process.wait(timeout=20)


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
