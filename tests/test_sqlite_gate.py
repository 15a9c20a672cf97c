"""SQLite's writers take turns on the host's lock file, and every way out opens it again."""

from __future__ import annotations

import threading

import pytest

from widget import storage
from widget.storage.sqlite_gate import gate_for


def _writer(app, entered: threading.Event, leave: threading.Event, order: list, name: str):
    with app.app_context():
        storage.begin_locked(f"key:{name}")
        entered.set()
        order.append(f"{name} in")
        leave.wait(10)
        order.append(f"{name} out")
        storage.commit()


def test_a_second_writer_waits_for_the_first_to_commit(app):
    with app.app_context():
        if gate_for(storage.db.engine) is None:
            pytest.skip("a SQLite database file is needed")
    order: list[str] = []
    first_in, first_leave = threading.Event(), threading.Event()
    second_in, second_leave = threading.Event(), threading.Event()
    first = threading.Thread(
        target=_writer, args=(app, first_in, first_leave, order, "a"), daemon=True
    )
    first.start()
    assert first_in.wait(10)
    with app.app_context():
        assert gate_for(storage.db.engine).is_held()  # the first writer holds the host's gate
    second = threading.Thread(
        target=_writer, args=(app, second_in, second_leave, order, "b"), daemon=True
    )
    second.start()
    assert not second_in.wait(0.3)  # queued behind the first (no wall time asserted on)
    first_leave.set()
    assert second_in.wait(10)
    second_leave.set()
    first.join(10)
    second.join(10)
    assert order == ["a in", "a out", "b in", "b out"]


def test_every_way_out_of_a_writing_transaction_opens_the_gate(app):
    with app.app_context():
        gate = gate_for(storage.db.engine)
        if gate is None:
            pytest.skip("a SQLite database file is needed")
        storage.begin_locked("key:refused")
        assert gate.is_held()
        storage.rollback()  # a use case that refused
        assert not gate.is_held()
        storage.begin_locked("key:kept")
        storage.commit()
        assert not gate.is_held()
        storage.begin_locked("key:abandoned")
        storage.db.session.close()  # the request's teardown, with the transaction open
        assert not gate.is_held()


def test_a_second_session_of_the_same_thread_goes_on_without_the_gate(app):
    """Instead of waiting on itself forever: SQLite's busy timeout still applies."""
    with app.app_context():
        gate = gate_for(storage.db.engine)
        if gate is None:
            pytest.skip("a SQLite database file is needed")
        assert gate.acquire()
        try:
            assert gate.acquire() is False
        finally:
            gate.release()
        assert not gate.is_held()
