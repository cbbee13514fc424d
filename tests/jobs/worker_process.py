"""An RQ worker in its own process, for the tests: ``python -m tests.jobs.worker_process DB REDIS QUEUE``.

It builds the app with the test's database and registers the test handlers, then works the queue until it is empty.
"""

from __future__ import annotations

import sys

from famille import create_app
from famille.jobs.cli import run_worker


def main(database_url: str, redis_url: str, queue: str) -> None:
    """Work ``queue`` once through, with the app of the test's database."""
    import tests.jobs.handlers  # noqa: F401 - registers the test handlers

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test",
            "REDIS_URL": redis_url,
            "LOAD_DEMO": False,
        }
    )
    with app.app_context():
        run_worker(app, queue=queue, burst=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
