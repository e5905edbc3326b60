"""Who asks and where, as the edge knows it: any part may be unknown."""

from pydantic import BaseModel, ConfigDict


class Asker(BaseModel):
    model_config = ConfigDict(frozen=True)

    email: str | None = None
    slack_user_id: str | None = None
    channel_id: str | None = None
    workspace_slug: str | None = None  # named explicitly by the asker (``--workspace``, a button)
