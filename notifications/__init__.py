"""In-app and e-mail notifications, subscribed to the verbs of the audit registry."""
