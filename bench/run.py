"""Run every benchmark in bench/ and write bench/results.json.

A benchmark is a module ``bench/bench_<topic>.py`` exposing ``run() -> list[dict]``; each
dict has "name", "value", "unit", "peer", "peer_value", "ratio" and "target" (see
bench/README.md). Each module runs in its own subprocess, with the bench-only peers
(bench/requirements-peers.txt, installed into bench/work/site) importable.

    python bench/run.py                # all of them
    python bench/run.py pages feeds    # only bench_pages.py and bench_feeds.py
    python bench/run.py --no-install   # do not (re)install the peers
    python bench/run.py history --output /tmp/history.json   # elsewhere than results.json
"""

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
SITE = WORK / "site"
PEERS = BENCH / "requirements-peers.txt"
RESULTS = BENCH / "results.json"
KEYS = ("name", "value", "unit", "peer", "peer_value", "ratio", "target")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "3600"))


def discover(only: list[str]) -> list[Path]:
    modules = sorted(BENCH.glob("bench_*.py"))
    if only:
        wanted = {f"bench_{name.removeprefix('bench_').removesuffix('.py')}" for name in only}
        modules = [m for m in modules if m.stem in wanted]
        missing = wanted - {m.stem for m in modules}
        if missing:
            sys.exit(f"no such benchmark: {', '.join(sorted(missing))}")
    return modules


def install_peers() -> None:
    """pip install the pinned peers into bench/work/site, once per version of the list."""
    digest = hashlib.sha256(PEERS.read_bytes()).hexdigest()
    stamp = SITE / ".installed"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"installing the bench-only peers from {PEERS.name} into {SITE.relative_to(ROOT)}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--upgrade",
            "--target",
            str(SITE),
            "-r",
            str(PEERS),
        ],
        check=True,
    )
    stamp.write_text(digest)


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    memory_kb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_kb = int(line.split()[1])
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    import sqlite3

    import django

    return {
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_mb": memory_kb // 1024 if memory_kb else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        # the modules use $DATABASE_URL only with BENCH_USE_DATABASE_URL (else SQLite files)
        "database": "postgresql"
        if os.environ.get("BENCH_USE_DATABASE_URL")
        and os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite",
        "commit": commit or None,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def check_rows(module: str, rows) -> list[dict]:
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{module}.run() must return a non-empty list of dicts")
    clean = []
    for row in rows:
        missing = [key for key in KEYS if key not in row]
        if missing:
            raise ValueError(f"{module}: result {row.get('name')!r} lacks {', '.join(missing)}")
        if row["ratio"] is None and row["peer_value"] not in (None, 0) and row["value"] is not None:
            row["ratio"] = round(row["value"] / row["peer_value"], 3)
        clean.append(
            {key: row[key] for key in KEYS} | {k: v for k, v in row.items() if k not in KEYS}
        )
    return clean


def run_module(path: Path) -> list[dict]:
    """Import the module in a fresh interpreter and return its checked rows."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    code = (
        "import importlib, json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; "
        "rows = importlib.import_module(sys.argv[3]).run(); "
        "open(sys.argv[4], 'w').write(json.dumps(rows, default=str))"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(SITE), str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "pauta.settings")
    try:
        subprocess.run(
            [sys.executable, "-c", code, str(BENCH), str(ROOT), path.stem, str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=TIMEOUT,
        )
        return check_rows(path.stem, json.loads(out.read_text()))
    finally:
        out.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="benchmark names (bench_<name>.py)")
    parser.add_argument("--no-install", action="store_true", help="skip installing the peers")
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help=f"the results file (default {RESULTS.relative_to(ROOT)})")
    args = parser.parse_args()
    output = args.output.resolve()
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output

    modules = discover(args.only)
    report = {"machine": machine(), "results": [], "errors": []}
    if not modules:
        print(
            "no benchmarks in bench/ (bench_*.py): nothing was measured; "
            f"writing an empty result list to {shown}"
        )
    else:
        WORK.mkdir(exist_ok=True)
        if not args.no_install:
            install_peers()
    for path in modules:
        print(f"== {path.stem}", flush=True)
        started = time.perf_counter()
        try:
            rows = run_module(path)
        except (subprocess.SubprocessError, ValueError, OSError) as error:
            print(f"   FAILED: {error}", file=sys.stderr)
            report["errors"].append({"module": path.stem, "error": str(error)})
            continue
        for row in rows:
            peer = (
                f" (peer {row['peer']}: {row['peer_value']}, ratio {row['ratio']})"
                if row["peer"]
                else ""
            )
            print(f"   {row['name']}: {row['value']} {row['unit']}{peer}")
        print(f"   {len(rows)} result(s) in {time.perf_counter() - started:.1f} s")
        report["results"].extend(rows)
    if not report["errors"]:
        del report["errors"]
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {shown}: {len(report['results'])} result(s)")
    return 1 if report.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
