"""News pages: posting (with a photo), reading, changing and deleting, permissions, privacy, odd input."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from famille.models import Change, NewsPost
from famille.news.views import photo_folder
from tests.editing.helpers import EN, FR, Tree, build_tree
from tests.news.images import bomb_png, noisy_png, photo_bytes
from tests.web import csrf_token, log_in


@pytest.fixture(autouse=True)
def uploads(app, tmp_path):
    """Photos go to the test's own folder, never the checkout's instance folder."""
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")


@pytest.fixture
def tree(app) -> Tree:
    return build_tree(app)


@pytest.fixture
def helene(tree, make_user) -> int:
    """Hélène's account (a member whose person is Hélène)."""
    return make_user("member", email="helene@example.org", person_id=tree.helene, name="Hélène")


def _post(client, data: dict, *, url: str = "/news/new", headers=EN):
    token = csrf_token(client, url)
    return client.post(url, data={**data, "csrf_token": token}, headers=headers, content_type="multipart/form-data")


def _news(db) -> list[NewsPost]:
    db.expire_all()
    return list(db.scalars(select(NewsPost).order_by(NewsPost.news_id)))


def test_a_member_posts_news_about_themselves_with_a_photo(app, client, db, tree, helene) -> None:
    log_in(client, "helene@example.org")
    form = client.get("/news/new", headers=EN).get_data(as_text=True)
    assert re.search(rf'<option selected value="{tree.helene}">|<option value="{tree.helene}" selected', form)
    photo = (io.BytesIO(photo_bytes("JPEG", gps=True)), "vacances.jpg", "image/jpeg")
    response = _post(
        client, {"person": str(tree.helene), "topic": "job", "body": "Nouvel emploi à Québec!", "photo": photo}
    )
    assert response.status_code == 302
    [post] = _news(db)
    assert (post.person_id, post.topic, post.author_id, post.photo.endswith(".jpg")) == (
        tree.helene,
        "job",
        helene,
        True,
    )
    stored = Image.open(photo_folder_of(app) / post.photo)
    assert len(stored.getexif()) == 0
    change = db.scalar(select(Change).where(Change.kind == "news_posted"))
    assert change.details == {"news_id": post.news_id, "topic": "job"} and change.person_id == tree.helene
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Nouvel emploi à Québec!" in page and f"/news/{post.news_id}/photo" in page
    photo_response = client.get(f"/news/{post.news_id}/photo")
    assert photo_response.status_code == 200 and photo_response.mimetype == "image/jpeg"
    assert photo_response.headers["X-Content-Type-Options"] == "nosniff"
    person_page = client.get(f"/people/{tree.helene}", headers=EN).get_data(as_text=True)
    assert 'class="person-news"' in person_page and "Nouvel emploi à Québec!" in person_page


def photo_folder_of(app):
    with app.test_request_context():
        return photo_folder()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ((b"just some text", "photo.jpg", "image/jpeg"), "This file is not a photo that can be read"),
        ((photo_bytes("GIF"), "anim.gif", "image/gif"), "Only JPEG, PNG and WebP photos are accepted."),
        ((bomb_png(), "bomb.png", "image/png"), "too many pixels"),
    ],
)
def test_refused_photos_say_why_and_keep_the_text(client, db, tree, helene, upload, message) -> None:
    log_in(client, "helene@example.org")
    data, name, kind = upload
    photo = (io.BytesIO(data), name, kind)
    response = _post(client, {"person": str(tree.helene), "topic": "move", "body": "On déménage", "photo": photo})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and "On déménage" in page
    assert _news(db) == []


def test_a_too_big_photo_is_refused_and_a_png_named_jpg_is_a_png(app, client, db, tree, helene) -> None:
    app.config["NEWS_PHOTO_MAX_BYTES"] = 20_000
    log_in(client, "helene@example.org")
    big = (io.BytesIO(noisy_png(200)), "big.png", "image/png")
    response = _post(client, {"person": str(tree.helene), "topic": "other", "body": "Big", "photo": big})
    assert "The photo is too large: at most 1 MB." in response.get_data(as_text=True)
    named_jpg = (io.BytesIO(photo_bytes("PNG")), "really-a-png.jpg", "image/jpeg")
    assert (
        _post(client, {"person": str(tree.helene), "topic": "other", "body": "Png", "photo": named_jpg}).status_code
        == 302
    )
    assert _news(db)[0].photo.endswith(".png")


def test_only_the_author_and_editors_change_or_delete(app, client, db, tree, helene, make_user) -> None:
    log_in(client, "helene@example.org")
    _post(client, {"person": str(tree.helene), "topic": "wedding", "body": "On se marie"})
    [post] = _news(db)
    make_user("member", email="other@example.org", person_id=tree.marc)
    log_in(client, "other@example.org")
    assert client.get(f"/news/{post.news_id}", headers=EN).status_code == 200
    assert client.get(f"/news/{post.news_id}/edit").status_code == 403
    assert client.get(f"/news/{post.news_id}/delete").status_code == 403
    make_user("editor", email="editor@example.org")
    log_in(client, "editor@example.org")
    url = f"/news/{post.news_id}/edit"
    response = _post(client, {"person": str(tree.helene), "topic": "wedding", "body": "Mariage le 3 juin"}, url=url)
    assert response.status_code == 302 and _news(db)[0].body == "Mariage le 3 juin"
    url = f"/news/{post.news_id}/delete"
    assert _post(client, {}, url=url).status_code == 302 and _news(db) == []
    kinds = db.scalars(select(Change.kind).where(Change.kind.like("news_%")).order_by(Change.change_id)).all()
    assert kinds == ["news_posted", "news_edited", "news_deleted"]


def test_the_author_replaces_and_removes_the_photo(app, client, db, tree, helene) -> None:
    log_in(client, "helene@example.org")
    first = (io.BytesIO(photo_bytes("PNG")), "a.png", "image/png")
    _post(client, {"person": str(tree.helene), "topic": "other", "body": "Photo", "photo": first})
    [post] = _news(db)
    folder, old = photo_folder_of(app), post.photo
    url = f"/news/{post.news_id}/edit"
    second = (io.BytesIO(photo_bytes("WEBP")), "b.webp", "image/webp")
    _post(client, {"person": str(tree.helene), "topic": "other", "body": "Photo", "photo": second}, url=url)
    post = _news(db)[0]
    assert post.photo.endswith(".webp") and not (folder / old).exists() and (folder / post.photo).exists()
    _post(client, {"person": str(tree.helene), "topic": "other", "body": "Photo", "remove_photo": "y"}, url=url)
    assert _news(db)[0].photo == "" and client.get(f"/news/{post.news_id}/photo").status_code == 404


def test_text_is_escaped_and_only_web_links_are_clickable(client, db, tree, helene) -> None:
    log_in(client, "helene@example.org")
    body = "<script>alert(1)</script> javascript:alert(2) voir https://example.org/album"
    _post(client, {"person": str(tree.helene), "topic": "other", "body": body})
    page = client.get(f"/news/{_news(db)[0].news_id}", headers=EN).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript' not in page and '<a href="https://example.org/album"' in page


def test_visitors_and_other_members_see_posts_as_privacy_allows(app, client, db, tree, helene) -> None:
    log_in(client, "helene@example.org")
    photo = (io.BytesIO(photo_bytes("PNG")), "a.png", "image/png")
    _post(client, {"person": str(tree.helene), "topic": "birth", "body": "Une naissance", "photo": photo})
    _post(client, {"person": "", "topic": "other", "body": "Pour tous les membres"})
    living, nobody = _news(db)
    assert client.get(f"/news/{living.news_id}/photo").status_code == 200
    visitor = app.test_client()
    for news_id in (living.news_id, nobody.news_id):
        assert visitor.get(f"/news/{news_id}").status_code == 404
        assert visitor.get(f"/news/{news_id}/photo").status_code == 404
    assert "Une naissance" not in visitor.get("/feed", headers=EN).get_data(as_text=True)


def test_odd_input_never_fails(client, db, tree, helene) -> None:
    log_in(client, "helene@example.org")
    for url in ("/news/999999", "/news/999999/edit", "/news/999999/photo", "/news/99999999999999999999"):
        assert client.get(url).status_code == 404
    assert client.get("/news/new?person=99999999999999999").status_code == 200
    assert client.get("/news/new?person=%C2%B2").status_code == 200  # "²" passes isdigit() but is no number
    too_long = _post(client, {"person": str(tree.helene), "topic": "other", "body": "x" * 2001})
    assert "at most 2000 characters" in too_long.get_data(as_text=True)
    forged = _post(client, {"person": "424242", "topic": "nonsense", "body": "x"})
    assert forged.status_code == 200 and _news(db) == []
    for odd in ("²", "-1", "abc"):  # never read as "nobody in particular"
        assert _post(client, {"person": odd, "topic": "other", "body": "x"}).status_code == 200 and _news(db) == []
    empty = _post(client, {"person": str(tree.helene), "topic": "other", "body": "   "})
    assert "Write a few words." in empty.get_data(as_text=True)


def test_a_member_may_post_about_a_relative_from_their_page(client, db, tree, helene) -> None:
    log_in(client, "helene@example.org")
    form = client.get(f"/news/new?person={tree.joseph}", headers=FR).get_data(as_text=True)
    assert f'value="{tree.joseph}"' in form and '<html lang="fr">' in form
    assert _post(client, {"person": str(tree.joseph), "topic": "other", "body": "Souvenir"}).status_code == 302
    assert _news(db)[0].person_id == tree.joseph


def test_visitors_are_sent_to_log_in_to_post(client, tree) -> None:
    assert "/login" in client.get("/news/new").headers["Location"]
