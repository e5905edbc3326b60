"""The edge: Slack Bolt app, console channel, rendering and the command line."""
