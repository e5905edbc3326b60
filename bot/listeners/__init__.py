"""Bolt listeners, one module per concern; each module has ``register(app, runtime)``."""

from slack_bolt import App

from bot.listeners import action_buttons, answer_buttons, messages, support_command
from bot.runtime import Runtime


def register_all(app: App, runtime: Runtime) -> None:
    for module in (messages, answer_buttons, action_buttons, support_command):
        module.register(app, runtime)
