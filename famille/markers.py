"""Message markers for modules that must not import Flask.

Pure modules (gedcom/, kinship/, links/, charts/ building) describe problems with English message templates
wrapped in :func:`N_`. Babel's extractor collects them (``-k N_``) and the web layer translates them when shown:
``gettext(template) % params``.
"""


def N_(message: str) -> str:  # noqa: N802 - the conventional name of a no-op gettext marker
    """Mark ``message`` for translation without translating it now."""
    return message
