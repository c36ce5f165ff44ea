"""The audit trail: append-only, hash-chained events over any object, and the verb registry.

A leaf app: it imports no other app of the project. Apps register their verbs in
``<app>/verbs.py`` (loaded from their ``AppConfig.ready``) and write events with
``audit.services.record``.
"""
