"""Errors of the bot package (the Slack and console edge).

BotError
 └── SettingsError     the environment does not describe a usable Slack app; names the setting
"""


class BotError(Exception):
    """Base of every error this package raises."""


class SettingsError(BotError):
    pass
