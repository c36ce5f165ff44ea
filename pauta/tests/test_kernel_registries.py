"""Tables the kernel derives from the action registries instead of lists keyed by verb names:
the process nodes each request state waits for, the plan lifecycle's buttons."""

from pauta.actions import Action, Registry, nodes_by_state
from plans.actions import ACTIONS as PLAN_ACTIONS
from plans.models import Plan
from workflows.actions import ACTIONS as REQUEST_ACTIONS
from workflows.models import ContentRequest
from workflows.process import expected_by_state, expected_nodes

# What the process waited for before it was derived (the table workflows/process.py kept).
FORMER_EXPECTED = {
    "submitted": {"triage"}, "needs_info": {"info"}, "in_production": {"production"},
    "approved": {"schedule"}, "scheduled": {"publish"},
}


def test_expected_nodes_are_derived_from_the_request_actions():
    derived = expected_by_state()
    for state, nodes in FORMER_EXPECTED.items():
        assert derived[state] == nodes, state
    # Every other state (in review: the pending approval steps decide) waits for nothing new.
    assert set(derived) - set(FORMER_EXPECTED) <= {"in_review"}
    assert expected_nodes(ContentRequest(state="draft")) == set()
    assert expected_nodes(ContentRequest(state="submitted")) == {"triage"}


def test_a_new_action_with_a_node_needs_no_other_table():
    actions = Registry("request-pilot")
    actions.register(Action("archive", None, lambda u, o: True, transition="archive",
                            node="archiving"))
    actions.register(Action("comment", None, lambda u, o: True, node="ignored"))  # no move
    assert nodes_by_state(actions, ContentRequest) == {"published": {"archiving"}}


def test_every_plan_action_runs_a_transition_of_the_plan():
    transitions = {t.name for t in Plan._meta.get_field("state").get_all_transitions(Plan)}
    assert {a.transition for a in PLAN_ACTIONS.actions()} == transitions
    assert list(PLAN_ACTIONS) == ["submit", "approve", "return", "revise", "close"]
    assert all(a.label and a.done and a.post for a in PLAN_ACTIONS.actions())


def test_every_request_node_is_a_node_of_the_flow():
    from workflows.flows import ContentRequestFlow

    names = {node.name for node in ContentRequestFlow.instance.nodes()}
    assert {a.node for a in REQUEST_ACTIONS.actions() if a.node} <= names
