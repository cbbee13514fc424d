"""Dates benchmark: upcoming birthdays and anniversaries and "on this day" on a big family, as an admin and a member,
and the calendar file (ICS) of a year as a member's calendar program fetches it.

Takes an existing database (import one first, e.g.
``FAMILLE_DATABASE_URL=sqlite:////tmp/dates100k.sqlite .venv/bin/famille import-gedcom /tmp/bench/100000.ged``),
then times each call several times and prints the median, the number of SQL statements and of results.

    .venv/bin/python bench/dates_bench.py sqlite:////tmp/dates100k.sqlite [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import event, func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    """Time the dates functions on the database given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database_url")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from famille import create_app
    from famille.feed.dates import on_this_day, upcoming_occasions
    from famille.feeds.documents import calendar_for
    from famille.models import Person, User
    from famille.privacy import Viewer

    app = create_app({"DATABASE_URL": args.database_url, "SECRET_KEY": "bench", "LOAD_DEMO": False})
    with app.test_request_context():
        session = app.extensions["famille.sessionmaker"]()
        statements = []
        event.listen(session.get_bind(), "before_cursor_execute", lambda *a: statements.append(1))
        people = session.scalar(select(func.count()).select_from(Person))
        living = session.scalar(select(func.count()).where(Person.living.is_(True)))
        print(f"{people} people, {living} living")
        start = date(2025, 12, 20)
        cases = {
            "upcoming 30 days, admin": lambda: upcoming_occasions(session, viewer=Viewer(role="admin"), start=start),
            "upcoming 30 days, member": lambda: upcoming_occasions(session, viewer=Viewer(role="member"), start=start),
            "upcoming 365 days, member": lambda: upcoming_occasions(
                session, viewer=Viewer(role="member"), start=start, days=365
            ),
            "on this day": lambda: on_this_day(session, viewer=Viewer(), day=start),
            "calendar file, a year": lambda: calendar_for(
                session, user=User(user_id=0, role="member", locale="en"), today=start
            ).split(b"BEGIN:VEVENT")[1:],
        }
        for name, call in cases.items():
            times = []
            for _ in range(args.repeat):
                statements.clear()
                began = time.perf_counter()
                found = call()
                times.append(time.perf_counter() - began)
            print(
                f"{name:28} median {statistics.median(times) * 1000:8.1f} ms"
                f"  {len(statements):3} statements  {len(found):6} results"
            )
        session.close()


if __name__ == "__main__":
    main()
