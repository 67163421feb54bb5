"""Idle cost of the embedded console: CPU of a console nobody touches.

    python -m bench.idle [--seconds 60] [--user supervisor1]

Starts the embedded console offscreen (simulated meters, collector, cost
control) on its own temporary data folder, waits for the first-start demo
load, logs in and waits until every meter has been read once; then measures the
process's CPU time (user + system, every thread) over ``--seconds`` while
nobody touches it. Target: ≤ 5 % of one core. Prints one JSON object on its
last stdout line: ``{"idle_cpu_percent": …, …}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.idle")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--user", default="supervisor1",
                        help="demo account to log in as ('' stays at the login dialog)")
    return parser.parse_args(argv)


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _wait(app, done, what: str, limit: float = 600.0) -> None:
    deadline = time.monotonic() + limit
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        app.processEvents()
        time.sleep(0.02)  # a benchmark's own loop: keeps its waiting cheap


def _log_in(app, shell, user: str) -> None:
    from console.demo import DEMO_ACCOUNTS

    password = next(a.password for a in DEMO_ACCOUNTS if a.username == user)
    shell.login.username_edit.setText(user)
    shell.login.password_edit.setText(password)
    shell.login.login_button.click()
    _wait(app, lambda: shell.window is not None, "the login")


def _thread_cpu() -> dict[str, float]:
    """CPU seconds per thread (Linux /proc), by Python thread name where there is one."""
    import threading

    names = {t.native_id: t.name for t in threading.enumerate()}
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = {}
    for task in os.scandir("/proc/self/task") if os.path.isdir("/proc/self/task") else []:
        try:
            with open(f"{task.path}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task.name), "native")
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


def _measure(app, seconds: float) -> tuple[float, float, dict]:
    """Run the Qt event loop for ``seconds``: (wall seconds, CPU seconds, CPU by thread)."""
    from PySide6.QtCore import QTimer

    cpu, wall, threads = _cpu_seconds(), time.monotonic(), _thread_cpu()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    after = _thread_cpu()
    by_thread = {k: round(v - threads.get(k, 0.0), 2) for k, v in after.items()
                 if v - threads.get(k, 0.0) >= 0.05}
    return time.monotonic() - wall, _cpu_seconds() - cpu, by_thread


def run(seconds: float, user: str) -> dict:
    import main
    from bench.machine import machine
    from widgets.task_runner import TaskRunner

    app = main.make_app("zh_CN")
    tasks = TaskRunner()
    shell = main.Shell(tasks, None, embedded=True)
    started = time.monotonic()
    shell.start()
    _wait(app, lambda: shell.metering is not None and shell.metering.ready.is_set(),
          "the embedded database")
    load_seconds = time.monotonic() - started
    collector = shell.metering.collector
    cycles: list = []
    collector.on_cycle = cycles.append  # the first cycle reads months of demo history
    if user:
        _log_in(app, shell, user)
    # Settled: every meter read once (the first reads integrate months of demo history).
    _wait(app, lambda: len(cycles) >= collector.config.slices, "a full round of polling")
    wall, cpu, threads = _measure(app, seconds)
    tasks.shutdown(wait=False)
    shell.shutdown()
    return {"idle_cpu_percent": round(100 * cpu / wall, 2), "cpu_seconds": round(cpu, 2),
            "wall_seconds": round(wall, 1), "user": user or "(login dialog)",
            "cpu_seconds_by_thread": threads,
            "first_start_seconds": round(load_seconds, 1),
            "load_average": [round(x, 2) for x in os.getloadavg()], "machine": machine()}


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    with tempfile.TemporaryDirectory(prefix="griddesk-idle-") as data:
        # The embedded database lives in the user data folder: a fresh one here.
        os.environ["XDG_DATA_HOME"] = data
        os.environ.pop("GRIDDESK_DB", None)
        result = run(args.seconds, args.user)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
