"""A family with members for the e-mail tests: exact birthdays around 10 June 2026, a marriage on 12 June, and
every change of the log moved to Wednesday 11 March 2026 (ISO week 2026-W11), so digests have a known period.

Henri + Huguette (deceased)
├── Marc + Sylvie (married 12 JUN 1982)
│   ├── Hélène (me, born 10 JUN 1987; account in French)
│   └── Julie (born 17 JUN 1990; degree 2)
└── Diane
    └── Nicolas (born 10 JUN 1980; first cousin, degree 4; account in English)
Zéphyr (born 10 JUN 1970; no tie; his account shows his details to close family only)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select, update

from famille.feed.digest_send import BatchReport, send_due
from famille.models import Change, Person, ProfileLink, User
from famille.privacy import PRIVACY_CLOSE_FAMILY
from famille.profiles.services import Actor, add_link
from tests.imports.helpers import run_import

CHANGED_AT = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)
WEEK_AFTER = date(2026, 3, 16)  # Monday of 2026-W12: the digest of 2026-W11 is due
BIRTHDAY = date(2026, 6, 10)
NOW = datetime(2026, 6, 10, 6, 0, tzinfo=UTC)

GEDCOM = """0 HEAD
1 GEDC
2 VERS 5.5.1
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Henri /Tremblay/
1 BIRT
2 DATE 1905
1 DEAT
2 DATE 1980
1 FAMS @F1@
0 @I2@ INDI
1 NAME Huguette /Gagnon/
1 BIRT
2 DATE 1907
1 DEAT
2 DATE 1990
1 FAMS @F1@
0 @I3@ INDI
1 NAME Marc /Tremblay/
1 BIRT
2 DATE 5 SEP 1950
1 FAMC @F1@
1 FAMS @F2@
0 @I4@ INDI
1 NAME Sylvie /Côté/
1 BIRT
2 DATE 1952
1 FAMS @F2@
0 @I5@ INDI
1 NAME Hélène /Tremblay/
1 BIRT
2 DATE 10 JUN 1987
1 FAMC @F2@
0 @I6@ INDI
1 NAME Julie /Tremblay/
1 BIRT
2 DATE 17 JUN 1990
1 FAMC @F2@
0 @I7@ INDI
1 NAME Diane /Tremblay/
1 BIRT
2 DATE 1953
1 FAMC @F1@
1 FAMS @F3@
0 @I8@ INDI
1 NAME Nicolas /Roy/
1 BIRT
2 DATE 10 JUN 1980
1 FAMC @F3@
0 @I9@ INDI
1 NAME Zéphyr /Inconnu/
1 BIRT
2 DATE 10 JUN 1970
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 CHIL @I7@
0 @F2@ FAM
1 HUSB @I3@
1 WIFE @I4@
1 CHIL @I5@
1 CHIL @I6@
1 MARR
2 DATE 12 JUN 1982
0 @F3@ FAM
1 WIFE @I7@
1 CHIL @I8@
0 TRLR
"""


@dataclass(frozen=True, slots=True)
class Family:
    """Person ids by given name, and the accounts' ids and addresses."""

    people: dict[str, int]
    users: dict[str, int]

    def email(self, name: str) -> str:
        """The address of a member's account."""
        return f"{name}@example.org"


def _session(app):
    return app.extensions["famille.sessionmaker"]()


def update_user(app, user_id: int, **values: object) -> None:
    """Change an account's columns and commit."""
    with _session(app) as session:
        session.execute(update(User).where(User.user_id == user_id).values(**values))
        session.commit()


def build(app, make_user) -> Family:
    """Import the family, make the accounts, add Hélène's and Zéphyr's links (dated 2025), date every change."""
    run_import(app, GEDCOM)
    with _session(app) as session:
        people = {name: pid for name, pid in session.execute(select(Person.given_name, Person.person_id))}
    users = {
        "helene": make_user("member", email="helene@example.org", person_id=people["Hélène"], name="Hélène"),
        "nicolas": make_user("member", email="nicolas@example.org", person_id=people["Nicolas"], name="Nicolas"),
        "zephyr": make_user("member", email="zephyr@example.org", person_id=people["Zéphyr"], name="Zéphyr"),
        "admin": make_user("admin", email="admin@example.org", name="Admin"),
    }
    update_user(app, users["helene"], locale="fr")
    update_user(app, users["nicolas"], locale="en")
    update_user(app, users["admin"], locale="en")
    update_user(app, users["zephyr"], locale="en", privacy=PRIVACY_CLOSE_FAMILY, privacy_degree=2)
    with _session(app) as session:
        actor = Actor(user_id=users["helene"], name="Hélène")
        add_link(
            session,
            person_id=people["Hélène"],
            raw="https://www.linkedin.com/in/helene-tremblay",
            label="",
            actor=actor,
        )
        organiser = Actor(user_id=None, name="Organiser")
        add_link(
            session,
            person_id=people["Zéphyr"],
            raw="https://www.instagram.com/zephyr.inconnu",
            label="",
            actor=organiser,
        )
        session.execute(update(ProfileLink).values(created_at=datetime(2025, 1, 1, tzinfo=UTC)))
        session.execute(update(Change).values(created_at=CHANGED_AT))
        session.commit()
    return Family(people, users)


def send(app, day: date, now: datetime | None = None, *, dry_run: bool = False) -> BatchReport:
    """Run the sender as the command does, for ``day``."""
    with app.app_context(), _session(app) as session:
        return send_due(session, today=day, now=now or datetime.now(UTC), dry_run=dry_run)


def only_members_mail(inbox, *, except_for: tuple[str, ...] = ()) -> list:
    """The messages of the inbox, less those to ``except_for`` addresses."""
    return [m for m in inbox.messages if not any(a in m["X-Envelope-To"] for a in except_for)]
