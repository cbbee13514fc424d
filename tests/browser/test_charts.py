"""Charts in Chromium: open a person's chart, see a recent update highlighted, follow a node, print without controls."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

import famille
from famille.db import get_engine, session_scope
from famille.models import Family, FamilyChild, Person
from famille.profiles.services import Actor, add_link

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _deceased_parent_and_child(tmp_path: Path) -> tuple[int, int]:
    """A dead person of the demo family with a dead parent (both public), given a new link just now."""
    app = famille.create_app(
        {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}", "LOAD_DEMO": False}
    )
    try:
        with session_scope(app) as session:
            child, parent = session.execute(
                select(FamilyChild.person_id, Family.partner1_id)
                .join(Family, Family.family_id == FamilyChild.family_id)
                .join(Person, Person.person_id == FamilyChild.person_id)
                .where(Person.living.is_(False), Family.partner1_id.is_not(None))
                .order_by(FamilyChild.person_id)
                .limit(1)
            ).one()
            add_link(session, person_id=child, raw="https://example.org/souvenirs", label="", actor=Actor(None, "t"))
        return child, parent
    finally:
        get_engine(app).dispose()


def test_a_chart_highlights_updates_links_to_people_and_prints_without_controls(
    live_server: str, tmp_path: Path, new_page: Callable[..., Page]
) -> None:
    child, parent = _deceased_parent_and_child(tmp_path)
    page = new_page(locale="en-CA")
    page.goto(f"{live_server}/people/{child}")
    page.locator(".chart-links a", has_text="Chart").click()
    expect(page).to_have_url(re.compile(rf"/charts/person/{child}$"))

    drawing = page.locator(".chart-viewport svg")
    whole = drawing.get_attribute("viewBox")
    recent = page.locator(f"svg #person-{child}")
    expect(recent).to_have_class(re.compile(r"\brecent\b"))
    expect(page.locator(".chart-updates a[data-focus]", has_text="")).not_to_have_count(0)
    page.locator(f'.chart-updates a[data-focus="person-{child}"]').click()
    expect(recent).to_have_class(re.compile(r"\bfocused\b"))
    zoomed = drawing.get_attribute("viewBox")
    assert zoomed != whole
    # Printing shows the whole chart, then the reader's zoom comes back.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(drawing).to_have_attribute("viewBox", whole)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(drawing).to_have_attribute("viewBox", zoomed)

    page.keyboard.press("0")
    expect(page.locator(".chart-tools")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".chart-controls")).to_be_hidden()
    expect(page.locator(".chart-tools")).to_be_hidden()
    expect(page.locator(".chart-search")).to_be_hidden()
    expect(page.locator(".chart-page .print-date")).to_be_visible()
    expect(page.locator(".chart-legend")).to_be_visible()
    page.emulate_media(media="screen")

    page.locator(f"svg #person-{parent} a").click()
    expect(page).to_have_url(re.compile(rf"/people/{parent}$"))
