"""The app's real HTTP server (Starlette under uvicorn) on 127.0.0.1, on a free port, in a thread."""

import threading
import time

import uvicorn
from slack_bolt import App

from bot.server import EVENTS_PATH, create_server

START_TIMEOUT_S = 10.0


class ServerThread:
    def __init__(self, app: App):
        config = uvicorn.Config(create_server(app), host="127.0.0.1", port=0, log_level="warning",
                                lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="uvicorn", daemon=True)

    def start(self) -> "ServerThread":
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the app server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=START_TIMEOUT_S)

    @property
    def base_url(self) -> str:
        host, port = self.server.servers[0].sockets[0].getsockname()[:2]
        return f"http://{host}:{port}"

    @property
    def events_url(self) -> str:
        return self.base_url + EVENTS_PATH
