from tests.actions.action_world import clock, db_path, demo_template, executor  # noqa: F401 - fixtures
