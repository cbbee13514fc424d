"""The ``famille`` command: serve the site, upgrade the database, import and export GEDCOM, load the demo.

Every command exits with status 0 on success, and otherwise prints a one-line reason on standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from famille import create_app
from famille.db import session_scope
from famille.imports.report import ImportRefused, ImportReport


def fail(message: str) -> None:
    """Stop the command with a one-line reason on standard error and a non-zero status."""
    click.echo(f"famille: {message}", err=True)
    sys.exit(1)


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=False)
def main() -> None:
    """Famille: a self-hosted family website."""


@main.group("db")
def db_group() -> None:
    """Manage the database schema."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or upgrade the database schema to the newest version."""
    from famille.schema import upgrade_database

    upgrade_database(current_app)
    click.echo("Database is up to date.")


def _print_report(report: ImportReport, *, warnings_shown: int = 20) -> None:
    for line in report.summary_lines():
        click.echo(line)
    for warning in report.warnings[:warnings_shown]:
        click.echo(f"  warning: {warning}")
    if len(report.warnings) > warnings_shown:
        click.echo(f"  … and {len(report.warnings) - warnings_shown} more warnings")
    for found in report.conflicts[:50]:
        conflict = found.conflict
        click.echo(
            f"  conflict: #{found.person_id} {found.name}, {conflict.field}: site {conflict.site!r}, "
            f"file {conflict.file!r} -> keeping the {conflict.chosen}'s"
        )
    if report.missing_people:
        click.echo("Absent from the new file (kept until you import with --remove-missing):")
        for person_id, name in report.missing_people[:50]:
            click.echo(f"  #{person_id} {name}")


def run_import(
    app: Flask, path: str, *, dry_run: bool, encoding: str | None, remove_missing: bool, prefer_file: bool = False
) -> ImportReport:
    """Import the file at ``path`` in one transaction (rolled back for a dry run)."""
    from famille.imports.services import import_gedcom

    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    with session_scope(app) as session:
        report = import_gedcom(
            session,
            data=data,
            filename=Path(path).name,
            encoding=encoding,
            dry_run=dry_run,
            remove_missing=remove_missing,
            actor="command line",
            living_years=int(app.config["LIVING_YEARS"]),
            prefer={0: {"*": "file"}} if prefer_file else None,
        )
        if dry_run:
            session.rollback()
    return report


@main.command("import-gedcom")
@click.argument("path")
@click.option("--dry-run", is_flag=True, help="Show what the import would do, and change nothing.")
@click.option("--encoding", default=None, help="Read the file in this encoding, whatever it declares.")
@click.option("--remove-missing", is_flag=True, help="Remove the people that the new file no longer has.")
@click.option("--prefer-file", is_flag=True, help="Where the site and the file both changed a field, take the file's.")
@with_appcontext
def import_command(path: str, dry_run: bool, encoding: str | None, remove_missing: bool, prefer_file: bool) -> None:
    """Import (or re-import, merging) a GEDCOM file; PATH may be - for standard input."""
    from famille.schema import upgrade_database

    if path != "-" and not Path(path).is_file():
        fail(f"no such file: {path}")
    upgrade_database(current_app)
    try:
        report = run_import(
            current_app,
            path,
            dry_run=dry_run,
            encoding=encoding,
            remove_missing=remove_missing,
            prefer_file=prefer_file,
        )
    except ImportRefused as error:
        fail(f"import refused, nothing was changed: {error}")
    _print_report(report)
    click.echo("Dry run: nothing was changed." if dry_run else "Import complete.")


@main.command("export-gedcom")
@click.argument("path")
@with_appcontext
def export_command(path: str) -> None:
    """Export the whole tree as GEDCOM 5.5.1 in UTF-8; PATH may be - for standard output."""
    from famille.imports.export import export_gedcom

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        stream = sys.stdout if path == "-" else open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror}")
    with stream, session_scope(app) as session:
        count = export_gedcom(session, stream)
    if path != "-":
        click.echo(f"Exported {count} people to {path}.")


def load_demo(app: Flask) -> bool:
    """Fill an empty tree with the generated demo family; False (and nothing done) if people are already there."""
    from sqlalchemy import select

    from famille.demo_site import load_demo_site
    from famille.models import Person

    with session_scope(app) as session:
        if session.scalar(select(Person.person_id).limit(1)) is not None:
            return False
        load_demo_site(session, living_years=int(app.config["LIVING_YEARS"]))
    return True


@main.command("demo")
@with_appcontext
def demo_command() -> None:
    """Fill an empty database with the generated demo family (about 500 people)."""
    from famille.schema import upgrade_database

    upgrade_database(current_app)
    if not load_demo(current_app._get_current_object()):  # type: ignore[attr-defined]
        fail("the family tree is not empty; the demo family only goes into an empty database")
    click.echo("The demo family is loaded.")


@main.command("create-admin")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of asking.")
@click.option("--name", default="", help="The name shown on the site.")
@with_appcontext
def create_admin_command(email: str, password_stdin: bool, name: str) -> None:
    """Create an admin account (the family's organiser)."""
    from famille.auth.services import AccountError, create_user
    from famille.schema import upgrade_database

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    upgrade_database(current_app)
    try:
        with session_scope(current_app._get_current_object()) as session:  # type: ignore[attr-defined]
            create_user(session, email=email, password=password, display_name=name, role="admin")
    except AccountError as error:
        fail(str(error))
    click.echo(f"Admin account created for {email.strip().lower()}.")


@main.command("refresh-living")
@with_appcontext
def refresh_living_command() -> None:
    """Decide again who counts as living (a new year, or a changed FAMILLE_LIVING_YEARS, moves the line)."""
    from datetime import date

    from famille.imports.living import recompute_living
    from famille.models import Change
    from famille.schema import upgrade_database
    from famille.site.services import bump_data_version

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    upgrade_database(app)
    with session_scope(app) as session:
        changed = recompute_living(
            session, current_year=date.today().year, living_years=int(app.config["LIVING_YEARS"])
        )
        if changed:
            session.add(Change(kind="living_refreshed", actor="famille refresh-living", details={"changed": changed}))
            bump_data_version(session)
    click.echo(f"Living flags refreshed: {changed} changed.")


@main.command("relationship")
@click.argument("person_a")
@click.argument("person_b")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None, help="The language of the answer.")
@with_appcontext
def relationship_command(person_a: str, person_b: str, lang: str | None) -> None:
    """How two people are related; each given by site id (12) or GEDCOM xref (I12 or @I12@)."""
    from famille.network.services import relationship_report

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with session_scope(app) as session:
        try:
            lines = relationship_report(session, person_a, person_b, lang=lang or app.config["DEFAULT_LOCALE"])
        except LookupError as error:
            fail(str(error))
    for line in lines:
        click.echo(line)


@main.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not load the demo family into an empty database.")
@click.option("--debug", is_flag=True, help="Reload on code changes and show tracebacks (development only).")
@with_appcontext
def run_command(host: str, port: int, no_demo: bool, debug: bool) -> None:
    """Upgrade the database, load the demo family on first start, and serve the site."""
    from famille.schema import upgrade_database

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    upgrade_database(app)
    if not no_demo and app.config["LOAD_DEMO"] and load_demo(app):
        click.echo("The database was empty: the demo family is loaded.")
    click.echo(f"Famille is served on http://{host}:{port}/ (Ctrl+C to stop)")
    # app.run() refuses to serve from inside a Flask CLI command, so serve through Werkzeug directly.
    from werkzeug.serving import run_simple

    run_simple(host, port, app, use_reloader=debug, use_debugger=debug, threaded=True)


from famille.invitations.cli import invite_command  # noqa: E402 - kept beside its registration

main.add_command(invite_command)

from famille.jobs.cli import worker_command  # noqa: E402 - kept beside its registration

main.add_command(worker_command)

from famille.feed.digest_cli import send_digests_command  # noqa: E402 - kept beside its registration

main.add_command(send_digests_command)
