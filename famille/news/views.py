"""Pages of news posts (blueprint ``news``): write one, read one, change or delete it, and its photo.

Members write posts; the author, editors and admins change or delete them (others get a 403). A post and its
photo are shown to whoever may see the person it is about (see :mod:`famille.news.services`). A refused photo
or text is shown again with the message beside the field and what was typed kept.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.news import photos, services
from famille.news.forms import DeleteForm, NewsForm, person_id_of
from famille.news.linkify import linkify
from famille.news.topics import topic_name
from famille.profiles.services import Actor, actor_of

bp = Blueprint("news", __name__)
bp.add_app_template_filter(linkify, "linkify")
bp.add_app_template_global(services.can_change, "can_change_news")
bp.add_app_template_global(topic_name, "topic_choice")


def photo_folder() -> Path:
    """Where news photos are kept: a folder of their own in the upload folder."""
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads") / "news"


def _actor() -> Actor:
    return actor_of(user_id=current_user.user_id, display_name=current_user.display_name, email=current_user.email)


def _shown(news_id: int) -> services.ShownPost:
    shown = services.visible_post(get_session(), news_id=news_id, viewer=current_viewer())
    if shown is None:
        abort(404)
    return shown


def _changeable(news_id: int) -> services.ShownPost:
    shown = _shown(news_id)
    if not services.can_change(current_user, shown.post):
        abort(403)
    return shown


def _fill_people(form: NewsForm, also: int | None) -> None:
    people = services.picker_people(get_session(), viewer=current_viewer(), also=also)
    choices = [SelectChoice(str(p.person_id), f"{p.given_name} {p.surname}".strip()) for p in people]
    form.person.choices = [*choices, SelectChoice("", _("No one in particular"))]


def _stored_photo(form: NewsForm) -> tuple[str, int, int] | None | bool:
    """The uploaded photo stored (name, width, height), None without one, False when refused (message set)."""
    upload = form.photo.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    limit = int(current_app.config["NEWS_PHOTO_MAX_BYTES"])
    try:
        photo = photos.clean_photo(upload.stream.read(limit + 1), max_bytes=limit)
    except photos.PhotoError as error:
        form.photo.errors = [*form.photo.errors, _(error.template) % error.params]
        return False
    return photos.store_photo(photo_folder(), photo), photo.width, photo.height


def _checked(form: NewsForm) -> tuple[services.NewsInput, tuple[str, int, int] | None] | None:
    """The form's input and stored photo once valid and allowed; None after setting the messages."""
    if not form.validate_on_submit():
        return None
    data = services.NewsInput(person_id=form.person.data, topic=form.topic.data, body=form.body.data or "")
    if not services.may_post_about(get_session(), viewer=current_viewer(), person_id=data.person_id):
        abort(403)
    photo = _stored_photo(form)
    return None if photo is False else (data, photo)  # type: ignore[return-value]


@bp.route("/news/new", methods=["GET", "POST"])
@requires("post_news")
def create() -> str | Response:
    """Write a post: about oneself by default, or a relative (``?person=`` preselects one)."""
    # The person asked for in the address (the "Post news" link of a person's page), or chosen there and posted.
    also = person_id_of(request.values.get("person"))
    form = NewsForm(person=str(also or current_user.person_id or ""))
    _fill_people(form, also)
    checked = _checked(form)
    if checked is None:
        return render_template("news/edit.html", form=form, post=None)
    post = services.create_post(get_session(), data=checked[0], photo=checked[1], actor=_actor())
    get_session().commit()
    flash(_("Your news is posted."), "success")
    return redirect(url_for("news.show", news_id=post.news_id))


@bp.get("/news/<int:news_id>")
def show(news_id: int) -> str:
    """One post, as anyone who may see the person it is about sees it."""
    return render_template("news/show.html", shown=_shown(news_id))


@bp.route("/news/<int:news_id>/edit", methods=["GET", "POST"])
@requires("post_news")
def edit(news_id: int) -> str | Response:
    """Change a post (its author, editors and admins)."""
    shown = _changeable(news_id)
    post = shown.post
    form = NewsForm(person=str(post.person_id or ""), topic=post.topic, body=post.body)
    _fill_people(form, post.person_id)
    checked = _checked(form)
    if checked is None:
        return render_template("news/edit.html", form=form, post=post)
    unused = services.edit_post(
        get_session(), post=post, data=checked[0], photo=checked[1], drop_photo=form.remove_photo.data, actor=_actor()
    )
    get_session().commit()
    photos.remove_photo(photo_folder(), unused)
    flash(_("Your changes are saved."), "success")
    return redirect(url_for("news.show", news_id=news_id))


@bp.route("/news/<int:news_id>/delete", methods=["GET", "POST"])
@requires("post_news")
def delete(news_id: int) -> str | Response:
    """Delete a post after a page that asks to confirm."""
    shown = _changeable(news_id)
    form = DeleteForm()
    if not form.validate_on_submit():
        return render_template("news/delete.html", form=form, shown=shown)
    unused = services.delete_post(get_session(), post=shown.post, actor=_actor())
    get_session().commit()
    photos.remove_photo(photo_folder(), unused)
    flash(_("The news post is deleted."), "success")
    return redirect(url_for("feed.index"))


@bp.get("/news/<int:news_id>/photo")
def photo(news_id: int) -> Response:
    """A post's photo, to whoever may see the post."""
    post = _shown(news_id).post
    path = photos.photo_path(photo_folder(), post.photo)
    if path is None or not path.is_file():
        abort(404)
    response = send_file(path, mimetype=photos.MEDIA_TYPES[path.suffix.lstrip(".")], max_age=0)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
