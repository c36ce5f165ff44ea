"""The brand and legal compliance engine: configurable rules that read a request and return
findings, a gate on ``send_to_review`` and ``schedule``, overrides and the blackout view.

Read API for other apps: :mod:`approvals.compliance.selectors`.
"""
