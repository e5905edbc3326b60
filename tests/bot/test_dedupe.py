import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta

from actions.clock import fixed_clock
from bot.dedupe import ClaimStore


def test_a_key_is_claimed_once(tmp_path):
    claims = ClaimStore(tmp_path / "bot.db")
    assert claims.claim("event:Ev1") is True
    assert claims.claim("event:Ev1") is False
    assert claims.claim("event:Ev2") is True
    assert claims.is_claimed("event:Ev1")
    assert not claims.is_claimed("event:Ev3")


def test_claims_survive_a_restart(tmp_path):
    ClaimStore(tmp_path / "bot.db").claim("event:Ev1")
    assert ClaimStore(tmp_path / "bot.db").claim("event:Ev1") is False


def test_many_threads_one_winner(tmp_path):
    claims = ClaimStore(tmp_path / "bot.db")
    start = threading.Barrier(16)
    wins: list[bool] = []
    lock = threading.Lock()

    def race() -> None:
        store = ClaimStore(tmp_path / "bot.db")
        start.wait()
        won = store.claim("event:contested")
        with lock:
            wins.append(won)

    threads = [threading.Thread(target=race) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 15 + [True]
    assert claims.is_claimed("event:contested")


def test_several_processes_one_winner(tmp_path):
    path = tmp_path / "bot.db"
    ClaimStore(path)
    script = textwrap.dedent(f"""
        import sys, time
        from bot.dedupe import ClaimStore
        store = ClaimStore({str(path)!r})
        while time.time() < float(sys.argv[1]):
            time.sleep(0.001)
        won = [k for k in range(50) if store.claim(f"event:{{k}}")]
        print(" ".join(map(str, won)))
    """)
    go = f"{__import__('time').time() + 1.0}"
    procs = [subprocess.Popen([sys.executable, "-c", script, go], stdout=subprocess.PIPE, text=True)
             for _ in range(4)]
    outputs = [proc.communicate(timeout=30)[0].split() for proc in procs]
    assert all(proc.returncode == 0 for proc in procs)
    won = [int(k) for output in outputs for k in output]
    assert sorted(won) == list(range(50))  # every key won exactly once, by some process


def test_prune_forgets_old_claims_only(tmp_path):
    then = datetime(2024, 5, 1, 12, tzinfo=UTC)
    old = ClaimStore(tmp_path / "bot.db", clock=fixed_clock(then))
    old.claim("event:old")
    later = ClaimStore(tmp_path / "bot.db", clock=fixed_clock(then + timedelta(days=2)))
    later.claim("event:new")
    assert later.prune(then + timedelta(days=1)) == 1
    assert not later.is_claimed("event:old")
    assert later.is_claimed("event:new")
