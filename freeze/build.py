"""Build the PyInstaller folder and smoke-test it: `python freeze/build.py [--skip-build]`.

Runs PyInstaller on freeze/griddesk.spec into build/freeze/dist/griddesk/ (one
folder: griddesk + griddesk-admin + _internal/), then from a temporary folder
outside the checkout: `griddesk --smoke` (offscreen login window and a Chinese
receipt PDF; on Linux with xvfb-run also in a real X11 window, which loads the
xcb platform plugin and the libraries the trimmed spec kept for it), and
`griddesk-admin` creating a database, loading a small demo and writing a
Chinese daily collection report. Takes minutes, so it is not in
the default test run. Prints one JSON object on its last line; exit 0 when
every step worked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "freeze"
DIST = OUT / "dist" / "griddesk"


def _run(args: list, cwd: Path, env: dict | None = None) -> float:
    started = time.monotonic()
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {args}\n{done.stdout[-3000:]}"
                         f"\n{done.stderr[-3000:]}")
    return time.monotonic() - started


def build() -> float:
    return _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                 "--distpath", OUT / "dist", "--workpath", OUT / "work",
                 ROOT / "freeze" / "griddesk.spec"], cwd=ROOT)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def smoke() -> dict:
    exe = ".exe" if os.name == "nt" else ""
    gui, admin = DIST / f"griddesk{exe}", DIST / f"griddesk-admin{exe}"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "GRIDDESK_DB"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="griddesk-frozen-") as tmp:
        where = Path(tmp)
        env["XDG_DATA_HOME"] = str(where / "data")
        times = {"gui_smoke_s": _run([gui, "--smoke", where / "smoke"], where, env)}
        receipt = _pdf_text(where / "smoke" / "receipt.pdf")
        x11 = _x11_smoke(gui, where, env, times)
        url = f"sqlite:///{where / 'site.db'}"
        times["db_upgrade_s"] = _run([admin, "db", "upgrade", "--db", url], where, env)
        times["demo_s"] = _run([admin, "demo", "--customers", "50", "--db", url], where, env)
        today = dt.date.today()
        report = where / "daily.pdf"
        times["report_s"] = _run([admin, "report", "daily_collection", "--from",
                                  (today - dt.timedelta(days=300)).isoformat(), "--to",
                                  today.isoformat(), "--db", url, "-o", report], where, env)
        checks = {"receipt_chinese": "电费缴费凭证" in receipt,
                  "report_chinese": "收费" in _pdf_text(report)}
        if x11 is not None:
            checks["x11_window"] = x11.is_file() and x11.stat().st_size > 0
    if not all(checks.values()):
        raise SystemExit(f"smoke checks failed: {checks}")
    return {**times, **checks}


def _x11_smoke(gui: Path, where: Path, env: dict, times: dict) -> Path | None:
    """The login window under a virtual X server (Linux, when xvfb-run is installed):
    the offscreen run does not load the xcb plugin a Linux desktop needs."""
    xvfb = shutil.which("xvfb-run")
    if os.name == "nt" or xvfb is None:
        return None
    times["gui_x11_smoke_s"] = _run([xvfb, "-a", gui, "--smoke", where / "x11"], where,
                                    {**env, "QT_QPA_PLATFORM": "xcb"})
    return where / "x11" / "login.png"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python freeze/build.py")
    parser.add_argument("--skip-build", action="store_true", help="smoke-test the last build")
    args = parser.parse_args()
    result: dict = {"build_s": None if args.skip_build else round(build(), 1)}
    result.update({k: round(v, 2) if isinstance(v, float) else v for k, v in smoke().items()})
    # Real files only: PyInstaller links each Qt library into _internal/ as a symlink too,
    # and following those counted ~120 MB twice (the 610 MB once reported was that sum).
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    result.update(folder=str(DIST), folder_mb=round(size / 2**20),
                  load_average=[round(x, 2) for x in os.getloadavg()])
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
