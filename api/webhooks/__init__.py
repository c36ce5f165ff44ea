"""Outgoing webhooks: signed POSTs to configured endpoints on lifecycle events.

Kept inside ``api/`` (not an app of its own) because it shares the app's models,
admin and tests, and publishes the same JSON shapes as the API.
"""
