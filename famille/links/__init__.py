"""Profile links: recognise the platform and handle of a pasted link, and validate and normalise its URL.

A pure module (no Flask, no database): the web forms and the GEDCOM importer call :func:`normalize_link` and show
a refused link's :class:`LinkError` through the web layer's translation.
"""

from famille.links.platforms import PLATFORMS, ProfileUrl, normalize_link, platform_name
from famille.links.urls import MAX_URL_LENGTH, LinkError

__all__ = ["MAX_URL_LENGTH", "PLATFORMS", "LinkError", "ProfileUrl", "normalize_link", "platform_name"]
