"""What the reader asked the directory for: the grouping, the filters, one group and its page.

Read from the query string by :func:`parse_selection`, which never fails: a value it does not understand is left
out (``?platform=<script>`` lists every platform, ``?page=-1`` is the first page). Only ids that cannot be in the
database (beyond its integer range) are kept as they are, for the service to answer "not found".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from famille.links import PLATFORMS

BY_BRANCH, BY_GENERATION = "branch", "generation"
#: The platform filter "no link yet".
NO_LINK = "none"
_NUMBER = re.compile(r"-?\d{1,20}")


def _number(text: str | None) -> int | None:
    """An integer written in ``text`` (spaces around allowed), None for anything else."""
    if text is None or not _NUMBER.fullmatch(text.strip()):
        return None
    return int(text.strip())


@dataclass(frozen=True, slots=True)
class Selection:
    """Grouping (by branch or generation), filters (platform, the dead too, below an ancestor), group and page."""

    by: str = BY_BRANCH
    platform: str | None = None
    everyone: bool = False
    ancestor: int | None = None
    group: int | None = None
    page: int = 1

    @property
    def group_param(self) -> str:
        """The query parameter naming one group: ``branch`` (a head's id) or ``generation`` (its number)."""
        return "generation" if self.by == BY_GENERATION else "branch"

    def args(self, **extra: str | int | None) -> dict[str, str | int]:
        """The query arguments giving this selection back, without group and page; ``extra`` added (an empty
        value removes an argument: ``args(ancestor="")`` is the same selection for the whole family)."""
        args: dict[str, str | int] = {}
        if self.by != BY_BRANCH:
            args["by"] = self.by
        if self.platform:
            args["platform"] = self.platform
        if self.everyone:
            args["all"] = 1
        if self.ancestor is not None:
            args["ancestor"] = self.ancestor
        return {key: value for key, value in {**args, **extra}.items() if value not in (None, "")}

    def current_args(self, **extra: str | int | None) -> dict[str, str | int]:
        """The query arguments of exactly this view: the selection, its group and its page (``extra`` added)."""
        here: dict[str, str | int | None] = {}
        if self.group is not None:
            here[self.group_param] = self.group
            if self.page > 1:
                here["page"] = self.page
        return self.args(**{**here, **extra})


def parse_selection(args: Mapping[str, str]) -> Selection:
    """The selection a query string asks for; what is not understood is left out."""
    by = BY_GENERATION if args.get("by") == BY_GENERATION else BY_BRANCH
    platform = args.get("platform", "")
    return Selection(
        by=by,
        platform=platform if platform in PLATFORMS or platform == NO_LINK else None,
        everyone=args.get("all") == "1",
        ancestor=_number(args.get("ancestor")),
        group=_number(args.get("generation" if by == BY_GENERATION else "branch")),
        page=max(_number(args.get("page")) or 1, 1),
    )
