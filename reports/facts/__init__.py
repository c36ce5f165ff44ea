"""KPI facts: what the dashboard aggregates, kept in step with the audit trail.

- ``models``: ``StateStay`` (one row per stay of a request in a state, from the audit
  trail's state changes), ``BusinessDay`` (the business-day calendar as a table: an ordinal
  per date, so lead times in business days are a subtraction in SQL), ``DailyCount`` (per
  local day × secretariat × kind × channel: requests submitted and published, publications),
  ``CountedDay`` (the days each request is counted on) and ``FactsCursor`` (the last audit
  event folded in).
- ``counts``: the per-day counts of a set of days, recomputed from the raw rows.
- ``fold``: ``catch_up()`` folds the events after the cursor (after commit, periodically and
  at read time), ``rebuild()`` recomputes everything from the raw trail (``kpi_rebuild``).
- ``calendar``: ``ensure_calendar()`` keeps ``BusinessDay`` in step with the holidays.
- ``testing``: ``assert_facts_agree()``, the agreement check tests run on any history.
"""
