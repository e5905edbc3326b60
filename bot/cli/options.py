"""Options shared by several commands."""

from pathlib import Path
from typing import Annotated

import typer

ContentOption = Annotated[
    Path | None,
    typer.Option(
        "--content",
        help="Content directory (policy.yaml plus one YAML file per page). Default: the shipped content.",
        exists=True,
        file_okay=False,
        dir_okay=True,
    ),
]
