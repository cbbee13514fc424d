"""The ORM models, one module per area; importing this package registers them all on ``Base.metadata``."""

from famille.models.accounts import Claim, Invitation, InvitationUse, Job, PasswordReset, User
from famille.models.changes import Change, SiteSetting
from famille.models.links import ProfileLink
from famille.models.news import FeedToken, MailSent, NewsPost
from famille.models.people import Event, Family, FamilyChild, NameToken, Note, Person, PersonName, Place
from famille.models.records import GedcomImport, GedcomRecord

__all__ = [
    "Claim",
    "Invitation",
    "InvitationUse",
    "Job",
    "NameToken",
    "PasswordReset",
    "User",
    "Change",
    "Event",
    "FeedToken",
    "MailSent",
    "NewsPost",
    "Family",
    "FamilyChild",
    "GedcomImport",
    "GedcomRecord",
    "Note",
    "Person",
    "PersonName",
    "Place",
    "ProfileLink",
    "SiteSetting",
]
