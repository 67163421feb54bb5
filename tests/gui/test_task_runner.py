"""The one task runner: answers come back on the GUI thread, and a task dropped at
shutdown before it ran calls nobody back (a result callback given None would crash)."""

from __future__ import annotations

import threading

from widgets.task_runner import TaskRunner


def test_a_task_cancelled_at_shutdown_calls_neither_callback(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    heard: list[object] = []
    running = runner.run(release.wait, on_done=heard.append, write=True)
    queued = runner.run(lambda: "answer", on_done=heard.append, on_error=heard.append, write=True)
    runner.shutdown(wait=False)  # the queued writer task is cancelled before it runs
    release.set()
    with qtbot.waitSignal(runner.sig_busy_changed, timeout=5000) as idle:
        pass
    assert idle.args == [False]
    assert queued.cancelled() and running.result() is True
    assert heard == [True]  # the first task's answer only; nothing for the cancelled one


def test_answers_and_errors_arrive_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    threads: list[str] = []
    runner.run(lambda: 1, on_done=lambda _v: threads.append(threading.current_thread().name))
    runner.run(lambda: 1 / 0,
               on_error=lambda e: threads.append(f"{threading.current_thread().name}:"
                                                 f"{type(e).__name__}"))
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=5000)
    runner.shutdown(wait=True)
    assert sorted(threads) == ["MainThread", "MainThread:ZeroDivisionError"]


def load_arrears() -> int:
    return 50_000


def test_a_slow_task_is_logged_with_its_time(qtbot, caplog):
    runner = TaskRunner(slow_seconds=0.0)  # every task counts as slow here
    with caplog.at_level("DEBUG", logger="widgets.task_runner"), \
            qtbot.waitSignal(runner.sig_busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.run(load_arrears)
    runner.shutdown(wait=True)
    slow = [r for r in caplog.records if r.getMessage().startswith("slow: task ")]
    assert len(slow) == 1 and slow[0].levelname == "WARNING"
    assert slow[0].getMessage().startswith(
        "slow: task tests.gui.test_task_runner.load_arrears took ")


class _InlineExecutor:
    """Runs the task before submit() returns: a task that beat run() to its callback."""

    def submit(self, fn, *args):
        from concurrent.futures import Future
        future: Future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, **_kwargs: object) -> None:
        pass


def test_a_task_done_before_run_returns_answers_from_the_event_loop(qtbot):
    # A dialog starts a load in its constructor and sets up the rest after it:
    # the answer must not arrive in the middle of the constructor.
    runner = TaskRunner()
    runner._readers = _InlineExecutor()
    heard: list[object] = []
    runner.run(lambda: "side", on_done=heard.append)
    assert heard == []
    qtbot.waitUntil(lambda: heard == ["side"], timeout=5000)
    runner.shutdown(wait=True)


def test_a_task_asked_for_after_shutdown_runs_nowhere_and_calls_nobody(qtbot):
    # A view that finished loading while the window closed asks for one more read:
    # the closed window must not see "cannot schedule new futures after shutdown".
    runner = TaskRunner()
    runner.shutdown(wait=True)
    ran: list[object] = []
    late = runner.run(lambda: ran.append("ran"), on_done=ran.append, on_error=ran.append)
    assert late.cancelled() and not runner.busy
    again = runner.run(lambda: 1, on_done=ran.append)  # a later read is refused the same way
    # Nothing was submitted and no callback is kept: none can ever arrive.
    assert again.cancelled() and not runner.busy and ran == []
