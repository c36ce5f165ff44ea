"""Admin of the approvals app."""

from approvals.compliance import admin as compliance_admin  # noqa: F401  (registers its models)
from approvals import admin_policies  # noqa: F401, E402  (policies, reasons, steps)
