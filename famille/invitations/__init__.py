"""Invitation links: an editor creates one (for a person or the whole family), a relative opens it and joins.

Only the SHA-256 hash of a link's token is stored; the link itself is shown once, to whoever created it.
"""
