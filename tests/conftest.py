"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
pytest_plugins = ["tests.mailserver"]


def corpus_path() -> Path:
    """Where the shared corpus of real GEDCOM files lives (beside the checkout by default)."""
    override = os.environ.get("FAMILLE_GEDCOM_CORPUS")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "gedcom"


@pytest.fixture(scope="session")
def gedcom_corpus() -> Path:
    """The folder of real GEDCOM files; tests that need it skip with a reason when it is absent."""
    folder = corpus_path()
    if not folder.is_dir():
        pytest.skip(f"the shared GEDCOM corpus is not at {folder} (set FAMILLE_GEDCOM_CORPUS to its folder)")
    return folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a PostgreSQL pass, leave out the tests that never open the database: the SQLite pass ran them already.

    A test reaches the database only through the ``database_url`` fixture (the app, its client and session all
    stand on it); the others (parsing, kinship names, poster tiling, the browser journeys, which serve their own
    SQLite file) would only run a second time, identically. ``FAMILLE_TEST_EVERYTHING=1`` keeps them all.
    """
    if not os.environ.get("FAMILLE_TEST_DATABASE_URL") or os.environ.get("FAMILLE_TEST_EVERYTHING") == "1":
        return
    kept = [item for item in items if "database_url" in getattr(item, "fixturenames", ())]
    left = [item for item in items if "database_url" not in getattr(item, "fixturenames", ())]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


# --- the application and its database -------------------------------------------------------------------------


def _server_url(url: str) -> tuple[str, str]:
    """Split a PostgreSQL URL into the server part and the database name."""
    base, _, name = url.rpartition("/")
    return base, name


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> str | None:
    """A PostgreSQL database of this test worker's own, when FAMILLE_TEST_DATABASE_URL names a server."""
    url = os.environ.get("FAMILLE_TEST_DATABASE_URL")
    if not url:
        return None
    import sqlalchemy as sa

    base, name = _server_url(url)
    own = f"{name}_{worker_id}".replace("-", "_")
    admin = sa.create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{own}"'))
    admin.dispose()
    return f"{base}/{own}"


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """The xdist worker's name ("master" without xdist)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


#: The worker databases whose schema this session already rebuilt from nothing (by the migrations).
_REBUILT: set[str] = set()


def _reset_postgres(url: str) -> None:
    """Empty the worker's database: from nothing the first time in a session, then by emptying its tables.

    Rebuilding the schema by the migrations for every test cost about 0.2 s each; emptying the tables of a
    schema the migrations made earlier in this session gives the same empty, current database (ids restart
    too). The first test of each worker still runs every migration from an empty schema.
    """
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        if url in _REBUILT:
            tables = connection.scalars(
                sa.text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                )
            ).all()
            if tables:
                names = ", ".join(f'"{table}"' for table in tables)
                connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
            _REBUILT.add(url)
    engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path, postgres_url: str | None) -> str:
    """A fresh, empty database for one test: a new SQLite file, or the worker's PostgreSQL database emptied."""
    if postgres_url:
        _reset_postgres(postgres_url)
        return postgres_url
    return f"sqlite:///{tmp_path / 'famille.sqlite'}"


@pytest.fixture
def app(database_url: str, tmp_path: Path):
    """The application on a fresh database brought up to date by the migrations."""
    from famille import create_app
    from famille.schema import upgrade_database

    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "LOAD_DEMO": False,
            "FAMILY_NAME": "Famille Test",
        }
    )
    upgrade_database(application)
    yield application
    from famille.db import get_engine

    get_engine(application).dispose()


@pytest.fixture
def client(app):
    """A test client of ``app``."""
    return app.test_client()


@pytest.fixture
def db(app):
    """A session on ``app``'s database for the test to use; rolled back and closed at the end."""
    session = app.extensions["famille.sessionmaker"]()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def make_user(app):
    """Create an account: ``make_user("editor")``; returns its id. The password is tests.web.PASSWORD."""
    from famille.auth.services import create_user
    from tests.web import PASSWORD

    def make(role: str = "member", *, email: str | None = None, person_id: int | None = None, name: str = "") -> int:
        session = app.extensions["famille.sessionmaker"]()
        try:
            user = create_user(
                session,
                email=email or f"{role}-{os.urandom(3).hex()}@example.org",
                password=PASSWORD,
                display_name=name,
                role=role,
            )
            user.person_id = person_id
            session.commit()
            return user.user_id
        finally:
            session.close()

    return make


@pytest.fixture
def login_as(app, client, make_user):
    """Log the test client in with a new account of ``role`` (None: stay a visitor); returns the user id."""
    from famille.models import User
    from tests.web import log_in

    def login(role: str | None, **kwargs: object) -> int | None:
        if role is None or role == "visitor":
            return None
        user_id = make_user(role, **kwargs)
        session = app.extensions["famille.sessionmaker"]()
        email = session.get(User, user_id).email
        session.close()
        response = log_in(client, email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user_id

    return login
