"""One module per rule family; importing this package registers them all."""

from approvals.compliance.rules import (  # noqa: F401
    accessibility,
    calendar,
    channel,
    electoral,
    impessoalidade,
    links,
    personal_data,
    plan,
    vocabulary,
)
