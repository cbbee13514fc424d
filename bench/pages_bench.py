"""Page benchmark: server time of the busiest pages on a 100,000-person family, as a logged-in member.

Imports a generated family into SQLite once (kept in the folder for later runs), then requests each page many
times through the WSGI app (no network) and prints p50/p95 times and the number of SQL statements per request.

    .venv/bin/python bench/pages_bench.py [--size 100000] [--requests 200] [--folder /tmp/famille-bench]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import event, func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_bench import GENERATOR  # noqa: E402


def _database(size: int, folder: Path) -> Path:
    """A database holding a generated family of ``size`` people (made by the import benchmark's step)."""
    database = folder / f"pages-{size}.sqlite"
    if database.exists():
        return database
    family = folder / f"family-{size}.ged"
    if not family.exists():
        with family.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, str(GENERATOR), "-n", str(size), "--seed", "1"], stdout=out, check=True)
    script = ROOT / "bench" / "import_bench.py"
    subprocess.run([sys.executable, str(script), "--step", "import", str(family), str(database)], check=True)
    return database


def _app(database: Path):  # noqa: ANN202 - a Flask app
    from famille import create_app
    from famille.schema import upgrade_database

    app = create_app(
        {"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "bench", "LOAD_DEMO": False, "RATELIMIT_ENABLED": False}
    )
    upgrade_database(app)
    return app


def _member_client(app):  # noqa: ANN001, ANN202
    from famille.auth.services import create_user, find_user
    from famille.db import session_scope

    with session_scope(app) as session:
        if find_user(session, "bench@example.org") is None:
            create_user(session, email="bench@example.org", password="bench password 123", role="member")
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"email": "bench@example.org", "password": "bench password 123", "csrf_token": token})
    return client


def _urls(app, count: int) -> dict[str, list[str]]:  # noqa: ANN001
    from famille.db import session_scope
    from famille.models import Person
    from famille.people.branches import branches, founding_family, load_graph

    rng = random.Random(7)
    with session_scope(app) as session:
        top = session.scalar(select(func.max(Person.person_id))) or 1
        keys = [k for (k,) in session.execute(select(Person.surname_key).group_by(Person.surname_key).limit(200))]
        names = [n for (n,) in session.execute(select(Person.given_name).limit(2000)) if n]
        graph = load_graph(session)
        founders = founding_family(graph)
        # The biggest branch of the founding couple: the directory's worst case, a page of it at a time.
        biggest = max(branches(graph, founders), key=lambda branch: len(branch[1]))[0] if founders else 0
    return {
        "person page": [f"/people/{rng.randint(1, top)}" for _ in range(count)],
        "surname index": ["/surnames"] * count,
        "people of a surname": [f"/surnames/{rng.choice(keys)}" for _ in range(count)],
        "search": [f"/search?q={rng.choice(names).split()[0]} {rng.choice(keys)[:4]}" for _ in range(count)],
        "directory of a branch": [f"/directory?branch={biggest}&page={rng.randint(1, 20)}" for _ in range(count)],
    }


def main() -> None:
    """Run the benchmark and print one line per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--folder", default="/tmp/famille-bench")
    options = parser.parse_args()
    folder = Path(options.folder)
    folder.mkdir(parents=True, exist_ok=True)
    app = _app(_database(options.size, folder))
    client = _member_client(app)
    from famille.db import get_engine

    statements = [0]
    event.listen(get_engine(app), "before_cursor_execute", lambda *_args: statements.__setitem__(0, statements[0] + 1))
    print(f"Pages on a {options.size}-person family (SQLite), {options.requests} requests each, as a member")
    for label, urls in _urls(app, options.requests).items():
        client.get(urls[0])  # warm up
        timings, counts = [], []
        for url in urls:
            statements[0] = 0
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            counts.append(statements[0])
            assert response.status_code in (200, 404), (url, response.status_code)
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[18]
        print(f"  {label:22} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   SQL statements {min(counts)}–{max(counts)}")


if __name__ == "__main__":
    main()
