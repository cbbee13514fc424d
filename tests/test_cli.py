"""The ``famille`` command: exit status 0 on success, a one-line reason on standard error otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from famille.cli import main
from famille.models import Person
from tests.imports.helpers import SMALL_FAMILY


@pytest.fixture
def run(app, monkeypatch):
    """Run a ``famille`` command against the test app; returns the click result."""
    monkeypatch.setattr("famille.cli.create_app", lambda: app)
    runner = CliRunner()

    def invoke(*args: str, stdin: bytes | None = None):
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)

    return invoke


@pytest.fixture
def family_file(tmp_path: Path) -> Path:
    path = tmp_path / "famille.ged"
    path.write_text(SMALL_FAMILY, encoding="utf-8")
    return path


def _people(app) -> int:
    session = app.extensions["famille.sessionmaker"]()
    try:
        return session.scalar(select(func.count()).select_from(Person))
    finally:
        session.close()


def test_db_upgrade(run) -> None:
    result = run("db", "upgrade")
    assert result.exit_code == 0 and "up to date" in result.output


def test_import_dry_run_then_real(run, app, family_file) -> None:
    dry = run("import-gedcom", str(family_file), "--dry-run")
    assert dry.exit_code == 0 and "People: 4 new" in dry.output and "Dry run" in dry.output
    assert _people(app) == 0
    real = run("import-gedcom", str(family_file))
    assert real.exit_code == 0 and "Import complete" in real.output
    assert _people(app) == 4


def test_import_from_standard_input(run, app) -> None:
    result = run("import-gedcom", "-", stdin=SMALL_FAMILY.encode("utf-8"))
    assert result.exit_code == 0 and _people(app) == 4


def test_import_refusal_is_one_line_on_stderr(run, app, tmp_path) -> None:
    bad = tmp_path / "photo.ged"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("import-gedcom", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith("famille: import refused, nothing was changed:")
    assert result.stderr.count("\n") == 1
    assert _people(app) == 0


def test_import_missing_file(run) -> None:
    result = run("import-gedcom", "/nonexistent/file.ged")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_import_with_unknown_encoding(run, family_file) -> None:
    result = run("import-gedcom", str(family_file), "--encoding", "klingon-8")
    assert result.exit_code == 1 and "klingon-8" in result.stderr


def test_export_to_file_and_stdout(run, family_file, tmp_path) -> None:
    run("import-gedcom", str(family_file))
    target = tmp_path / "out.ged"
    to_file = run("export-gedcom", str(target))
    assert to_file.exit_code == 0 and "Exported 4 people" in to_file.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("0 HEAD") and "Hélène /Tremblay/" in text
    to_stdout = run("export-gedcom", "-")
    assert to_stdout.exit_code == 0 and "1 NAME Sylvie /Côté/" in to_stdout.output


def test_export_to_unwritable_place(run) -> None:
    result = run("export-gedcom", "/nonexistent/dir/out.ged")
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_demo_fills_an_empty_tree_once(run, app) -> None:
    first = run("demo")
    assert first.exit_code == 0
    assert 450 <= _people(app) <= 550
    second = run("demo")
    assert second.exit_code == 1 and "not empty" in second.stderr


def test_refresh_living_moves_the_line_when_the_rule_changes(run, app, family_file) -> None:
    from sqlalchemy import select

    from famille.db import session_scope
    from famille.models import Change, Person

    run("import-gedcom", str(family_file))
    assert run("refresh-living").output.strip() == "Living flags refreshed: 0 changed."
    app.config["LIVING_YEARS"] = 60  # Marc (1950) and Sylvie (about 1952) no longer count as living
    result = run("refresh-living")
    assert result.exit_code == 0 and result.output.strip() == "Living flags refreshed: 2 changed."
    with session_scope(app) as session:
        assert session.scalar(select(Person.living).where(Person.xref == "I1")) is False
        assert session.scalar(select(Change.details).where(Change.kind == "living_refreshed")) == {"changed": 2}
