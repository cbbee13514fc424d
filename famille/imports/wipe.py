"""Emptying the tree: used when a real family file replaces the generated demo family."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from famille.models import (
    Change,
    Event,
    Family,
    FamilyChild,
    GedcomImport,
    GedcomRecord,
    NameToken,
    NewsPost,
    Note,
    Person,
    PersonName,
    Place,
    ProfileLink,
)


def wipe_tree(session: Session) -> None:
    """Delete every person, family, record, place and their history and news; accounts and their history stay."""
    for model in (
        NewsPost,  # news of the demo family must not survive as news about nobody once its people are gone
        Change,
        ProfileLink,
        Note,
        Event,
        FamilyChild,
        PersonName,
        NameToken,
        Family,
        Person,
        Place,
        GedcomRecord,
    ):
        session.execute(delete(model))
    session.execute(delete(GedcomImport))
