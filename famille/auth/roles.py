"""Roles as data: each role's permissions include those of the roles before it.

A visitor is anyone not logged in. Views ask for a permission, never for a role, through one decorator
(:func:`famille.auth.access.requires`).
"""

from __future__ import annotations

VISITOR, MEMBER, EDITOR, ADMIN = "visitor", "member", "editor", "admin"
ROLES: tuple[str, ...] = (VISITOR, MEMBER, EDITOR, ADMIN)
ACCOUNT_ROLES: tuple[str, ...] = (MEMBER, EDITOR, ADMIN)

#: What each role adds to the role before it.
_GRANTS: dict[str, frozenset[str]] = {
    VISITOR: frozenset({"view_public"}),
    MEMBER: frozenset({"view_living", "edit_own", "claim_person", "post_news", "see_members"}),
    EDITOR: frozenset({"edit_any", "invite", "approve_claims"}),
    ADMIN: frozenset({"import", "manage_accounts", "site_settings", "export"}),
}


def _cumulative() -> dict[str, frozenset[str]]:
    granted: set[str] = set()
    result: dict[str, frozenset[str]] = {}
    for role in ROLES:
        granted |= _GRANTS[role]
        result[role] = frozenset(granted)
    return result


PERMISSIONS: dict[str, frozenset[str]] = _cumulative()


def has_permission(role: str, permission: str) -> bool:
    """Whether ``role`` (an unknown role counts as a visitor) holds ``permission``."""
    return permission in PERMISSIONS.get(role, PERMISSIONS[VISITOR])


def rank(role: str) -> int:
    """The role's place in the order visitor < member < editor < admin."""
    return ROLES.index(role) if role in ROLES else 0
