"""pauta.concurrency without a database: values as people read them, the conflict message."""

import datetime

from django.utils import translation

from pauta import concurrency
from pauta.concurrency import Change


class Row:
    version = 3
    title = "Novo"
    body = ""
    sensitive = True
    day = datetime.date(2031, 4, 2)


def test_check_lists_what_changed_since_the_version_seen():
    seen = concurrency.signing.dumps({"title": "Antigo", "body": "—", "sensitive": "yes"},
                                     salt=concurrency.SALT, compress=True)
    labels = {"title": "Title", "body": "Text", "sensitive": "Sensitive"}
    with translation.override("en"):
        concurrency.check(Row(), version=3, seen=seen, fields=labels)  # same version: fine
        concurrency.check(Row(), version=None, seen="", fields=labels)  # not taking part
        try:
            concurrency.check(Row(), version=2, seen=seen, fields=labels)
        except concurrency.EditConflict as conflict:
            assert conflict.changes == [Change("Title", "Antigo", "Novo")]
            assert conflict.version == 3
            assert "Title: “Antigo” → “Novo”" in conflict.messages[0]
        else:
            raise AssertionError("a stale version was accepted")


def test_a_forged_snapshot_still_refuses_with_the_general_message():
    with translation.override("en"):
        try:
            concurrency.check(Row(), version=1, seen="forged", fields={"title": "Title"})
        except concurrency.EditConflict as conflict:
            assert conflict.changes == []
            assert conflict.messages[0].startswith("Someone else saved this")
            assert "What they changed" not in conflict.messages[0]
        else:
            raise AssertionError("a stale version was accepted")


def test_values_read_as_people_read_them():
    with translation.override("en"):
        assert concurrency.display(None) == concurrency.EMPTY
        assert concurrency.display(True) == "yes"
        assert concurrency.display(["b", "a"]) == "b, a"
        assert concurrency.snapshot(Row(), ["title", "body", "day"]) == {
            "title": "Novo", "body": concurrency.EMPTY, "day": "04/02/2031"}
        assert concurrency.snapshot(None, ["title"]) == {"title": concurrency.EMPTY}
