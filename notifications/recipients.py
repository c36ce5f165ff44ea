"""Building blocks for the ``recipients`` of registered verbs: people by permission."""

from org.models import User

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def with_permission(dotted: str) -> list[User]:
    """Active people who hold the model permission ``dotted`` through a group or directly
    (superusers are not told about everything)."""
    return list(User.objects.with_perm(dotted, is_active=True, include_superusers=False,
                                       backend=_MODEL_BACKEND))


def active(*pks) -> list[User]:
    """The active people among ``pks`` (None entries are skipped)."""
    return list(User.objects.filter(is_active=True, pk__in=[pk for pk in pks if pk]))
