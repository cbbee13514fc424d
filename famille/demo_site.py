"""Loading the demo: the generated family imported as a file, then its last weeks on the site played for real.

A newcomer's first look at the site should show what it does, not empty blocks: so after the import, the scenes
of :mod:`famille.demo_story` (news posts, profile links, a baby and a wedding added on the site) go through the
same services a member's clicks do, each recording its :class:`~famille.models.Change` and moving the data version
on. Those services stamp the present moment; the demo then sets each scene's records back to the day it tells
(the import five weeks back, older than the charts' thirty days of recent updates), so that the feed reads as
three lived weeks. No account is made: the changes and posts name the relatives who "made" them (``actor``) and
belong to no user, so the demo leaves no way to log in.

The first real import replaces all of it (:func:`famille.imports.wipe.wipe_tree`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from famille.demo import generate_demo
from famille.demo_story import LinkScene, NewsScene, RelativeScene, Scene
from famille.editing.events import EventInput, Owner, add_event
from famille.editing.people import NewPerson
from famille.editing.relations import Addition, add_new_relative
from famille.editing.services import LivingRule
from famille.imports.services import import_gedcom
from famille.models import Change, Family, GedcomImport, NewsPost, Person, ProfileLink
from famille.news.services import NewsInput, create_post
from famille.profiles.services import Actor, add_link
from famille.site.services import DEMO_KEY, set_setting

#: How long before the load the family file was "imported": past the charts' 30 days, so only the scenes show.
IMPORT_DAYS_AGO = 35
DEMO_FILENAME = "demo.ged"


@dataclass(slots=True)
class Touched:
    """What one scene wrote, to date back: people whose "last update" moved, posts and links made."""

    people: list[int] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)
    links: list[int] = field(default_factory=list)


def load_demo_site(
    session: Session, *, living_years: int, today: date | None = None, now: datetime | None = None, seed: int = 1957
) -> None:
    """Import the demo family into an empty tree and play its recent activity; flushes, never commits.

    ``today`` anchors the family's dates (birthdays to come are counted from it) and ``now`` the activity;
    both default to the present.
    """
    now = now or datetime.now(UTC)
    today = today or date.today()  # the local day, as the dates pages count it
    demo = generate_demo(seed=seed, today=today)
    import_gedcom(
        session, data=demo.gedcom.encode("utf-8"), filename=DEMO_FILENAME, actor="demo", living_years=living_years
    )
    set_setting(session, DEMO_KEY, "1")
    imported = now - timedelta(days=IMPORT_DAYS_AGO)
    session.execute(update(Change).values(created_at=imported))
    session.execute(update(GedcomImport).values(created_at=imported))
    session.execute(update(Person).values(created_at=imported, updated_at=imported))
    play_story(session, story=demo.story, now=now, rule=LivingRule(current_year=today.year, living_years=living_years))


def play_story(session: Session, *, story: list[Scene], now: datetime, rule: LivingRule) -> None:
    """Play each scene through the site's services, then date what it recorded ``scene.days_ago`` before ``now``."""
    people = dict(session.execute(select(Person.xref, Person.person_id).where(Person.xref.is_not(None))).all())
    families = dict(session.execute(select(Family.xref, Family.family_id).where(Family.xref.is_not(None))).all())
    for scene in story:
        moment = now - timedelta(days=scene.days_ago)
        last_change = session.scalar(select(func.max(Change.change_id))) or 0
        touched = _play(session, scene, people=people, families=families, rule=rule)
        session.execute(update(Change).where(Change.change_id > last_change).values(created_at=moment))
        _set_back(session, touched, moment)


def _play(
    session: Session, scene: Scene, *, people: dict[str, int], families: dict[str, int], rule: LivingRule
) -> Touched:
    """Play one scene; returns what it wrote."""
    if isinstance(scene, LinkScene):
        person_id = people[scene.person]
        own_name = session.get_one(Person, person_id).display_name
        saved = add_link(
            session, person_id=person_id, raw=scene.url, label="", actor=Actor(user_id=None, name=own_name)
        )
        return Touched(people=[person_id], links=[saved.link.link_id])
    if isinstance(scene, NewsScene):
        subject = people[scene.person] if scene.person is not None else None
        post = create_post(
            session,
            data=NewsInput(person_id=subject, topic=scene.topic, body=scene.body),
            photo=None,
            actor=Actor(user_id=None, name=scene.author),
        )
        return Touched(posts=[post.news_id])
    return _add_relative(session, scene, people=people, families=families, rule=rule)


def _add_relative(
    session: Session, scene: RelativeScene, *, people: dict[str, int], families: dict[str, int], rule: LivingRule
) -> Touched:
    """A baby added to a couple with their birth, or a partner added with the wedding."""
    actor = Actor(user_id=None, name=scene.author)
    person = session.get_one(Person, people[scene.person])
    relation = "child" if scene.family is not None else "partner"
    family_id = families[scene.family] if scene.family is not None else None
    new = NewPerson(given=scene.given, surname=scene.surname, sex=scene.sex)
    added = add_new_relative(
        session, person=person, new=new, addition=Addition(relation, family_id=family_id), actor=actor, rule=rule
    )
    if family_id is None:
        family_id = session.scalar(
            select(Family.family_id).where(
                or_(Family.partner1_id == added.person_id, Family.partner2_id == added.person_id)
            )
        )
    owner = Owner(person_id=added.person_id) if scene.tag == "BIRT" else Owner(family_id=family_id)
    add_event(
        session,
        owner=owner,
        event=EventInput(tag=scene.tag, date_text=scene.on, place=scene.place),
        actor=actor,
        rule=rule,
    )
    return Touched(people=[person.person_id, added.person_id])


def _set_back(session: Session, touched: Touched, moment: datetime) -> None:
    """Date a scene's posts and links, and the "last update" of the people it touched, to the scene's moment."""
    if touched.posts:
        session.execute(update(NewsPost).where(NewsPost.news_id.in_(touched.posts)).values(created_at=moment))
    if touched.links:
        session.execute(update(ProfileLink).where(ProfileLink.link_id.in_(touched.links)).values(created_at=moment))
    if touched.people:
        people = Person.person_id.in_(touched.people)
        session.execute(update(Person).where(people).values(updated_at=moment))
        session.execute(update(Person).where(people, Person.origin == "site").values(created_at=moment))
