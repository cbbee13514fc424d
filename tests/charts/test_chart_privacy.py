"""Charts and the close family: what one member may see never reaches another through the cache."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from famille.models import User
from famille.privacy import PRIVACY_CLOSE_FAMILY, PRIVACY_MEMBERS
from famille.visibility import set_privacy
from tests.charts.helpers import import_family
from tests.charts.helpers import svg_of as _svg
from tests.web import log_in


@pytest.fixture
def family(app, make_user) -> dict[str, int]:
    """The chart family; Élodie (living) has an account."""
    ids = import_family(app)
    ids["elodie_user"] = make_user("member", person_id=ids["I11"])
    return ids


def _choose(app, user_id: int, privacy: str) -> None:
    """The member's own choice, saved as the privacy page saves it (a Change, no new data version)."""
    session = app.extensions["famille.sessionmaker"]()
    try:
        set_privacy(session, user=session.get(User, user_id), privacy=privacy, degree=1)
        session.commit()
    finally:
        session.close()


def _member(app, make_user, client, person_id: int | None) -> None:
    user_id = make_user("member", person_id=person_id)
    session = app.extensions["famille.sessionmaker"]()
    email = session.get(User, user_id).email
    session.close()
    assert log_in(client, email).status_code == 302


def test_a_new_close_family_choice_is_not_served_from_the_cache(app, client, make_user, family) -> None:
    _member(app, make_user, client, None)
    url = f"/charts/person/{family['I8']}"
    assert "Élodie Gagnon" in _svg(client.get(url))
    _choose(app, family["elodie_user"], PRIVACY_CLOSE_FAMILY)
    hidden = _svg(client.get(url))
    assert "Élodie" not in hidden and "1985" not in hidden
    _choose(app, family["elodie_user"], PRIVACY_MEMBERS)
    assert "Élodie Gagnon" in _svg(client.get(url))


def test_members_with_different_rights_do_not_share_a_cached_chart(app, make_user, family) -> None:
    _choose(app, family["elodie_user"], PRIVACY_CLOSE_FAMILY)
    url = f"/charts/person/{family['I8']}"
    father, stranger = app.test_client(), app.test_client()
    _member(app, make_user, father, family["I8"])  # Claude, her father: 1 degree
    _member(app, make_user, stranger, family["I6"])  # Henri, her great-uncle's line: farther
    assert "Élodie Gagnon" in _svg(father.get(url))
    away = _svg(stranger.get(url))
    assert "Élodie" not in away and "1985" not in away
    assert "Élodie" not in _svg(stranger.get(url + "?format=svg"))
    assert "Élodie" in _pdf_text(father.get(url + "?format=pdf"))
    text = _pdf_text(stranger.get(url + "?format=pdf"))
    assert "Claude" in text and "Élodie" not in text and "1985" not in text


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
