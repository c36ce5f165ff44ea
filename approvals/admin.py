"""Admin of the approvals app."""

from approvals import admin_policies  # noqa: F401  (policies, reasons, steps)
from approvals.compliance import admin as compliance_admin  # noqa: F401  (registers its models)
