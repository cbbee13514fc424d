"""Pages of the directory: the list (screen and print layouts), its vCard and CSV downloads, "not yet connected"."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from famille.auth.access import current_viewer, requires
from famille.db import get_session
from famille.directory import export, services
from famille.directory.rows import ExportRow
from famille.directory.selection import Selection, parse_selection
from famille.links import PLATFORMS, platform_name
from famille.privacy import PersonView

bp = Blueprint("directory", __name__)
PER_BRANCH = 50
# The print layout lists more per group: paper is read whole, not scrolled.
PRINT_PER_GROUP = 500


def _full_name(person: PersonView | None) -> str:
    return " ".join(part for part in (person.given_name, person.surname) if part) if person else ""


def _branch_label(selection: Selection) -> export.BranchLabel:
    """The words naming a download row's branch, in the reader's language."""

    def label(row: ExportRow) -> str:
        if row.branch_kind == services.BRANCH_KIND and row.branch_head is not None:
            return _("Branch of %(name)s", name=_full_name(row.branch_head))
        if row.branch_kind == services.TOP_KIND:
            return _("The founding couple") if selection.ancestor is None else _("The ancestor and partners")
        return _("Elsewhere in the tree")

    return label


@bp.get("/directory")
@requires("see_members")
def index() -> str:
    """Every relative with their links, by branch or generation, filtered; ``?print=1`` is the print layout."""
    selection, printing = parse_selection(request.args), request.args.get("print") == "1"
    result = services.directory(
        get_session(),
        viewer=current_viewer(),
        selection=selection,
        per_branch=PRINT_PER_GROUP if printing else PER_BRANCH,
        per_page=PRINT_PER_GROUP if printing else int(current_app.config["PEOPLE_PER_PAGE"]),
    )
    if result is None:
        abort(404)
    template = "directory/print.html" if printing else "directory/index.html"
    return render_template(template, result=result, selection=selection, platforms=PLATFORMS, today=dt.date.today())


@bp.get("/directory/download.<any(vcf, csv):extension>")
@requires("see_members")
def download(extension: str) -> Response:
    """The people of the current selection as vCards or CSV, as an attachment (those seen in detail only)."""
    selection = parse_selection(request.args)
    rows = services.export_rows(get_session(), viewer=current_viewer(), selection=selection)
    if rows is None:
        abort(404)
    if extension == "vcf":
        body, mimetype = export.vcard_text(rows, note=_branch_label(selection)), "text/vcard"
    else:
        headings = [_("Name"), _("Birth year"), _("Branch"), *(_(platform_name(p)) for p in PLATFORMS)]
        body, mimetype = export.csv_text(rows, headings=headings, branch=_branch_label(selection)), "text/csv"
    stem = _("directory")
    name = export.attachment_name(f"{stem}-{dt.date.today().isoformat()}", extension)
    response = Response(body, content_type=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/directory/not-connected")
@requires("see_members")
def not_connected() -> str:
    """Living relatives without any link, by branch, for members to nudge and editors to invite."""
    asked = parse_selection(request.args)
    result = services.not_connected(
        get_session(),
        viewer=current_viewer(),
        group=asked.group,
        page=asked.page,
        per_branch=PER_BRANCH,
        per_page=int(current_app.config["PEOPLE_PER_PAGE"]),
    )
    if result is None:
        abort(404)
    can_invite = "invitations.new" in current_app.view_functions and current_user.can("invite")
    return render_template("directory/not_connected.html", result=result, can_invite=can_invite)
