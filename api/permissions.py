"""Who may manage API tokens. Request, plan and calendar questions stay in their apps."""


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_create_token(user) -> bool:
    return _active(user)


def can_manage_token(user, token) -> bool:
    return _active(user) and token.user_id == user.pk
