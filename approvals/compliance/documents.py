"""Check digits of Brazilian CPF and Portuguese NIF numbers."""


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def is_valid_cpf(value: str) -> bool:
    """CPF: 11 digits, two mod-11 check digits; repeated digits (111.111.111-11) are invalid."""
    number = digits(value)
    if len(number) != 11 or len(set(number)) == 1:
        return False
    for size in (9, 10):
        total = sum(int(d) * w for d, w in zip(number[:size], range(size + 1, 1, -1), strict=True))
        check = (total * 10) % 11 % 10
        if check != int(number[size]):
            return False
    return True


def is_valid_nif(value: str) -> bool:
    """Portuguese NIF/NIPC: 9 digits, weights 9..2, check digit 11 − (sum mod 11), 10/11 → 0."""
    number = digits(value)
    if len(number) != 9 or number[0] == "0":
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True))
    check = 11 - total % 11
    return (0 if check >= 10 else check) == int(number[8])


def is_personal_nif(value: str) -> bool:
    """A valid NIF of a natural person (starts with 1, 2, 3 or 45); companies are not personal."""
    number = digits(value)
    return is_valid_nif(number) and (number[0] in "123" or number.startswith("45"))
