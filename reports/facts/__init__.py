"""KPI facts: what the dashboard aggregates, kept in step with the audit trail.

- ``models``: ``StateStay`` (one row per stay of a request in a state, from the audit
  trail's state changes), ``BusinessDay`` (the business-day calendar as a table: an ordinal
  per date, so lead times in business days are a subtraction in SQL), ``DailyCount`` (per
  local day × secretariat × kind × channel: requests submitted and published, publications),
  ``CountedDay`` (the days each request is counted on), ``PublishedFact`` (per request
  published with evidence: local days, lead time in business days, SLA outcome, rating),
  ``AssignedFact`` (per assignment: local day and week) and ``FactsCursor`` (the last audit
  event folded in).
- ``published``, ``assigned``: those per-request rows, replaced from the raw rows for every
  request a folded event touches.
- ``counts``: the per-day counts of a set of days, recomputed from the raw rows.
- ``fold``: ``catch_up()`` folds the events after the cursor (after commit, periodically and
  at read time), ``rebuild()`` recomputes everything from the raw trail (``kpi_rebuild``).
- ``calendar``: ``ensure_calendar()`` keeps ``BusinessDay`` in step with the holidays (and
  recomputes the published requests' lead times when it rebuilds it).
- ``testing``: ``assert_facts_agree()``, the agreement check tests run on any history.
"""
