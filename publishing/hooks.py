"""Where publishing plugs into the request lifecycle (``workflows.services`` hook lists)."""


def install() -> None:
    from approvals.compliance import services as compliance
    from publishing.connect import on_reschedule, on_transition
    from publishing.proof import on_transition as proof_on_transition
    from publishing.revisions import revision_record
    from publishing.seal import seal_on_approve, verify_seal
    from publishing.takedown import on_take_down
    from workflows import services

    for hooks, hook in ((services.AFTER_TEXT_SAVE, revision_record),
                        (services.AFTER_TRANSITION, seal_on_approve),
                        (services.AFTER_TRANSITION, on_transition),
                        (services.AFTER_RESCHEDULE, on_reschedule),
                        (services.AFTER_TRANSITION, proof_on_transition),
                        (compliance.AFTER_TAKE_DOWN, on_take_down),
                        (services.BEFORE_RELEASE, verify_seal)):
        if hook not in hooks:
            hooks.append(hook)
