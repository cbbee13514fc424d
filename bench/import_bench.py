"""Import benchmark: synthetic families of 1k, 10k and 100k people imported into a fresh SQLite database.

For each size it prints the wall time and peak memory of a first import, of a re-import of the unchanged file,
and of a bare python-gedcom parse of the same file, with the ratios. Each measurement runs in its own process
so peak memory is that step's alone. The CPU time of each step and the load average are printed too: on a
shared machine wall time varies with the neighbours' work, CPU time much less.

    .venv/bin/python bench/import_bench.py [--sizes 1000,10000,100000] [--seed 1] [--folder DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "tools" / "gen_gedcom.py"


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_parse(path: str) -> dict[str, float]:
    """A bare python-gedcom parse of the file (the baseline)."""
    from gedcom.parser import Parser

    start, cpu = time.perf_counter(), time.process_time()
    Parser().parse_file(path, strict=False)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "peak_mib": _peak_mib()}


def step_import(path: str, database: str) -> dict[str, float]:
    """One import of the file into the database (created by the migrations on first use)."""
    from famille import create_app
    from famille.db import session_scope
    from famille.imports.services import import_gedcom
    from famille.schema import upgrade_database

    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "bench", "LOAD_DEMO": False})
    upgrade_database(app)
    data = Path(path).read_bytes()
    start, cpu = time.perf_counter(), time.process_time()
    with session_scope(app) as session:
        report = import_gedcom(session, data=data, filename=Path(path).name, actor="bench")
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "peak_mib": _peak_mib(),
        "new": report.people.new,
        "unchanged": report.people.unchanged,
    }


def _child(step: str, *args: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--step", step, *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def bench_size(size: int, seed: int, folder: Path, repeat: int = 1) -> None:
    """Generate, parse, import and re-import one family size (``repeat`` times), and print the figures."""
    path = folder / f"family-{size}.ged"
    if not path.exists():
        with path.open("w", encoding="utf-8") as out:
            command = [sys.executable, str(GENERATOR), "-n", str(size), "--seed", str(seed)]
            subprocess.run(command, stdout=out, check=True)
    database = folder / f"famille-{size}.sqlite"
    for _run in range(repeat):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        load = os.getloadavg()[0]
        parse = _child("parse", str(path))
        first = _child("import", str(path), str(database))
        again = _child("import", str(path), str(database))
        print(
            f"{size:>7} people | load {load:4.1f}"
            f" | parse {parse['seconds']:5.1f} s (cpu {parse['cpu']:5.1f}) {parse['peak_mib']:5.0f} MiB"
            f" | import {first['seconds']:5.1f} s (cpu {first['cpu']:5.1f}) {first['peak_mib']:5.0f} MiB"
            f" x{first['seconds'] / parse['seconds']:.2f} of parse"
            f" | re-import {again['seconds']:5.1f} s (cpu {again['cpu']:5.1f}) {again['peak_mib']:5.0f} MiB"
            f" x{again['seconds'] / first['seconds']:.2f} of first, {again['unchanged']:.0f} unchanged",
            flush=True,
        )


def main() -> None:
    """Run the benchmark (or, with --step, one measurement in this process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", default=None, help="where generated files and databases go (default: a temp dir)")
    parser.add_argument("--repeat", type=int, default=1, help="measure each size this many times")
    parser.add_argument("--step", choices=["parse", "import"], help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step == "parse":
        print(json.dumps(step_parse(*options.args)))
        return
    if options.step == "import":
        print(json.dumps(step_import(*options.args)))
        return
    folder = Path(options.folder) if options.folder else Path(tempfile.mkdtemp(prefix="famille-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Import benchmark (files and databases in {folder})")
    for size in (int(part) for part in options.sizes.split(",")):
        bench_size(size, options.seed, folder, options.repeat)


if __name__ == "__main__":
    main()
