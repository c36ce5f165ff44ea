"""The layers of docs/architecture.md hold in the code (import-linter, as `make lint` runs it)."""

import sys
from pathlib import Path

import pytest
from importlinter import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("contract", ["bottom", "approvals", "api-no-views"])
def test_import_contract_is_kept(contract, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"),
                            limit_to_contracts=(contract,), no_cache=True) == 0


def test_the_api_contract_catches_a_view_import(tmp_path, monkeypatch):
    """The contract can fail: an API module importing views breaks it."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    packages = ("pauta", "audit", "org", "approvals", "workflows", "campaigns", "plans",
                "calendars", "api", "reports", "twofactor")
    for package in packages:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "workflows" / "views.py").write_text("", encoding="utf-8")
    (tmp_path / "api" / "bad.py").write_text("from workflows import views\n",
                                              encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in list(sys.modules):  # the real packages are imported: look at the fake ones
        if name.split(".")[0] in packages:
            monkeypatch.delitem(sys.modules, name)
    assert cli.lint_imports(config_filename=str(tmp_path / "pyproject.toml"),
                            limit_to_contracts=("api-no-views",), no_cache=True) == 1


def test_approvals_ignores_nothing_but_its_tests():
    """No "known debt": approvals (the compliance engine included) reads requests only
    through the protocols apps register (approvable, checkable)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["id"] == "approvals")
    sources = [line.split("->")[0].strip() for line in contract.get("ignore_imports", [])]
    assert sources and all(".tests." in f"{source}." for source in sources), sources
