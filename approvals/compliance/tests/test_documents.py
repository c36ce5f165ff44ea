"""CPF and NIF check digits."""

import pytest

from approvals.compliance.documents import is_personal_nif, is_valid_cpf, is_valid_nif


@pytest.mark.parametrize("value", ["529.982.247-25", "52998224725", "111.444.777-35"])
def test_valid_cpf(value):
    assert is_valid_cpf(value)


@pytest.mark.parametrize("value", ["529.982.247-26", "529.982.247-15", "111.111.111-11",
                                   "1234567890", "abc"])
def test_invalid_cpf(value):
    assert not is_valid_cpf(value)


@pytest.mark.parametrize("value", ["123456789", "123 456 789", "501442600", "999999990"])
def test_valid_nif(value):
    assert is_valid_nif(value)


@pytest.mark.parametrize("value", ["123456780", "012345678", "12345678", "1234567890"])
def test_invalid_nif(value):
    assert not is_valid_nif(value)


def test_company_nif_is_not_personal_data():
    assert is_valid_nif("501442600") and not is_personal_nif("501442600")
    assert is_personal_nif("123456789")
