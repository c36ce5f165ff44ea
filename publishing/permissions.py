"""Who may read revisions and seals, and who may restore a revision (built on the
request's own permissions: the same people, the same states)."""

from workflows import permissions as request_perms


def can_view_history(user, request) -> bool:
    """Whoever sees the request sees how its texts changed (the texts are on its page)."""
    return request_perms.can_view(user, request)


def can_restore(user, request) -> bool:
    """The assigned editor, while the text may be edited."""
    return request_perms.can_produce(user, request)
