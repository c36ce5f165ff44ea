"""workflows.process: the active tasks after a sync's round, from what it read and saved."""

from datetime import datetime, timedelta
from types import SimpleNamespace

from workflows.process import ACTIVE, _active_after


def test_the_active_tasks_after_a_round_are_the_ones_read_and_saved():
    t0 = datetime(2026, 1, 1)

    def task(pk, status="NEW", kind="HUMAN", process=1, minutes=0):
        return SimpleNamespace(pk=pk, status=status, flow_task_type=kind, process_id=process,
                               created=t0 + timedelta(minutes=minutes))

    before = [task(2, minutes=2), task(1, minutes=1), task(3, minutes=3)]
    saved = {1: task(1, "DONE", minutes=1), 3: task(3, "CANCELED", minutes=3),
             4: task(4, minutes=4), 5: task(5, kind="SWITCH", minutes=5),
             6: task(6, process=9, minutes=6), 7: task(7, "ASSIGNED", minutes=7)}
    after = _active_after(1, before, saved, done={1, 7})
    # 2 kept as read; 1 done; 3 cancelled; 4 opened; a gateway, another process's task and
    # a task done this sync are left out; newest first, as Task orders them
    assert [t.pk for t in after] == [4, 2]
    assert all(t.status in ACTIVE for t in after)
