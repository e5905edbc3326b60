"""Heading anchors made the way the docs site makes them."""

import re

_NOT_ALLOWED = re.compile(r"[^a-z0-9 \-]")


def anchor_for(heading: str) -> str:
    """Lower-case, drop every character but letters, digits, spaces and hyphens, spaces -> hyphens.

    >>> anchor_for("I’m on a legacy API plan. Why can’t I add the integration I want?")
    'im-on-a-legacy-api-plan-why-cant-i-add-the-integration-i-want'
    """
    return _NOT_ALLOWED.sub("", heading.lower()).replace(" ", "-")
