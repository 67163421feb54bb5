"""Walk a journey through `python main.py` in a real X window, as a person would.

Run it through walk.sh, which starts Xvfb and openbox at the size asked for and
sets DISPLAY (this driver needs both). It starts GridDesk on a data folder of
its own (the embedded demo database is made there on the first walk and reused),
types and clicks with xdotool, and saves screenshots of the whole screen with
ImageMagick's `import -window root`:

    tests/journeys/walk.sh --size 1366x768 --lang zh_CN counter supervisor
    tests/journeys/walk.sh --steps "login admin1; key F7; shot seals"

A journey is a list of steps, one per line or separated by ";":
    login USER           log in with the demo password (waits for the main window)
    key KEYS...          xdotool key names: F5, Return, Escape, ctrl+f, alt+1, Tab
    type TEXT            type the text (\\n is Return); Chinese is pasted through xdotool
    click X Y            left click at X,Y of the active window (read them off a shot)
    rclick X Y           right click
    wait SECONDS         let the app work (loads, the collector)
    window PATTERN       wait until a window whose title matches PATTERN is active
    shot NAME            screenshot into the output folder as NN-NAME.png
    logout               Ctrl+Shift+L, back to the login dialog
Not part of pytest: it needs X, takes minutes, and its judge is a person reading the shots.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Griddesk2026"

# The four journeys of JOURNEYS.md, as far as the keyboard takes them. The
# customer numbers and initials are the embedded demo's (seed 1, 3,000 customers), of the
# units each user may see (issue 16: counter1's hall sees 牡丹区 only).
JOURNEYS = {
    "counter": """
        login counter1; key F2; shot lookup
        type 4190000051\\n; wait 3; shot customer-view
        key F5; wait 2; shot payment-dialog
        key Escape; wait 1
        key ctrl+f; type lwj\\n; wait 2; shot search-initials
        key F3; wait 4; shot consumption
        key F11; wait 2; shot work-orders
        key F8; wait 2; shot reports
        logout; shot logged-out
    """,
    "supervisor": """
        login supervisor1; key F2; shot lookup
        key F4; wait 5; shot arrears
        key F6; wait 3; shot switch-control
        key F12; wait 3; shot theft
        key F8; wait 2; shot reports
        key F11; wait 2; shot work-orders
        logout
    """,
    "admin": """
        login admin1; key F2; shot lookup
        key F7; wait 3; shot seals
        key F9; wait 3; shot admin
        key F8; wait 2; shot reports
        logout
    """,
    "inspector": """
        login inspector1; key F2; shot lookup
        key F7; wait 3; shot seals
        key F3; wait 3; shot consumption
        logout
    """,
    # Dialogs, by clicks read off 1366×768 shots (client-area coordinates): run it at
    # that size only.
    "dialogs-1366": """
        login counter1; key F2; type 4190000051\\n; wait 3
        click 1175 196; wait 5; shot statement; click 772 28; wait 3; shot save-as
        key Escape; key Escape; click 1270 196; wait 2; shot new-work-order; key Escape
        logout
        login supervisor1; key F4; wait 4; click 1165 124; wait 2; shot bill-run; key Escape
        key F6; wait 3; click 1179 124; wait 2; shot calendar; key Escape
        click 1283 124; wait 3; shot new-command; key Escape
        key alt+a; wait 1; shot account-menu; key Escape; logout
        login admin1; key F9; wait 3; click 298 161; wait 2; shot new-user; key Escape
        click 407 123; wait 2; shot policies; key F7; wait 3; click 658 123; wait 3
        shot batches; click 755 164; wait 5; shot labels; key Escape; wait 1
        click 308 164; wait 2; shot new-batch; key Escape; logout
    """,
}


class Walk:
    """One GridDesk process on the X display, driven step by step."""

    def __init__(self, out: Path, data: Path, lang: str, pace: float = 1.0) -> None:
        self.out, self.data, self.lang, self.pace = out, data, lang, pace
        self.count = len(list(out.glob("*.png")))
        self.app: subprocess.Popen | None = None

    def start(self) -> None:
        # Settings (window geometry, last panel) per output folder: a walk at another
        # size or language does not inherit the last one's window.
        env = dict(os.environ, XDG_DATA_HOME=str(self.data / "data"),
                   XDG_CONFIG_HOME=str(self.out / "config"), QT_QPA_PLATFORM="xcb")
        env.pop("GRIDDESK_DB", None)  # the embedded demo, in our own data folder
        log = (self.out / "griddesk.out").open("ab")
        self.app = subprocess.Popen([sys.executable, "main.py", "--lang", self.lang],
                                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        # The first start builds the demo database: give it time.
        self.window("GridDesk", timeout=600)
        self.wait_until_ready()

    def wait_until_ready(self) -> None:
        """The login form is enabled once the database is open (the first start takes longest)."""
        db = self.data / "data" / "GridDesk" / "griddesk.db"
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and not db.exists():
            time.sleep(1)
        # The demo is built into the file: ready once it has stopped growing for 3 s.
        sizes: list[int] = []
        while time.monotonic() < deadline and (len(sizes) < 3 or len(set(sizes[-3:])) > 1):
            sizes.append(db.stat().st_size if db.exists() else -1)
            time.sleep(1)

    def stop(self) -> None:
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(20)
            except subprocess.TimeoutExpired:
                self.app.kill()

    # -- steps ---------------------------------------------------------------------------------

    def run(self, script: str) -> None:
        for line in script.replace(";", "\n").splitlines():
            step, _, rest = line.strip().partition(" ")
            if step:
                print("  ", step, rest, flush=True)
                # `type` takes the rest of the line as it is, spaces and all.
                getattr(self, f"do_{step}")(*([rest] if step == "type" else rest.split()))

    def do_login(self, user: str) -> None:
        self.window("GridDesk")
        self.do_key("ctrl+a")  # the user name field has the focus
        self.do_type(user)
        self.do_key("Tab")
        self.do_type(PASSWORD + "\\n")
        try:
            self.window(r"GridDesk.*—", timeout=60, exclude="GridDesk — ")
        except SystemExit:
            self.do_shot("login-failed")  # what the login dialog said instead
            raise
        time.sleep(3)

    def do_logout(self) -> None:
        self.do_key("ctrl+shift+l")
        time.sleep(2)

    def do_key(self, *keys: str) -> None:
        for key in keys:
            _xdo("key", "--clearmodifiers", key)
            time.sleep(0.3)

    def do_type(self, text: str) -> None:
        for index, part in enumerate(text.split("\\n")):
            if index:
                _xdo("key", "Return")
            if part:
                _xdo("type", "--delay", "40", part)
        time.sleep(0.3)

    def do_click(self, x: str, y: str, button: str = "1") -> None:
        window = _xdo("getactivewindow").strip()
        _xdo("mousemove", "--window", window, x, y)
        _xdo("click", button)
        time.sleep(0.5)

    def do_rclick(self, x: str, y: str) -> None:
        self.do_click(x, y, "3")

    def do_wait(self, seconds: str) -> None:
        time.sleep(float(seconds) * self.pace)

    def do_window(self, pattern: str) -> None:
        self.window(pattern)

    def do_shot(self, name: str) -> None:
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        print(f"     -> {path}", flush=True)

    def window(self, pattern: str, timeout: float = 30, exclude: str | None = None) -> None:
        """Wait for a window whose title matches; activate it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.app is not None and self.app.poll() is not None:
                raise SystemExit(f"GridDesk exited with {self.app.returncode}")
            for wid in _xdo("search", "--onlyvisible", "--name", pattern, check=False).split():
                title = _xdo("getwindowname", wid, check=False).strip()
                if exclude is None or not title.startswith(exclude):
                    _xdo("windowactivate", "--sync", wid, check=False)
                    return
            time.sleep(0.5)
        raise SystemExit(f"no window matching {pattern!r} within {timeout:.0f} s")


def _xdo(*args: str, check: bool = True) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise SystemExit(f"xdotool {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("journeys", nargs="*", help=f"of {', '.join(JOURNEYS)}")
    parser.add_argument("--steps", help="steps of your own instead of a named journey")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--data", type=Path, required=True, help="GridDesk's data folder")
    parser.add_argument("--out", type=Path, required=True, help="where the shots go")
    parser.add_argument("--pace", type=float, default=1.0,
                        help="multiply every wait (a loaded machine answers slower)")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        parser.error("no DISPLAY: run through tests/journeys/walk.sh")
    args.out.mkdir(parents=True, exist_ok=True)
    scripts = [args.steps] if args.steps else [JOURNEYS[name] for name in args.journeys]
    if not scripts:
        parser.error("name a journey or give --steps")
    walk = Walk(args.out, args.data, args.lang, args.pace)
    try:
        walk.start()
        for script in scripts:
            walk.run(script)
    finally:
        walk.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
