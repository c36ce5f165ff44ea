"""Mask personal data in free text people wrote (survey answers): the compliance engine's own
detectors (CPF, phone numbers, e-mail addresses, dates of birth) replace what they find."""

from approvals.compliance.documents import is_valid_cpf
from approvals.compliance.rules.personal_data import BIRTH, CPF, EMAIL, PHONE

MASK = "▒▒▒"


def mask_personal_data(text: str) -> str:
    """``text`` with every CPF, e-mail address, phone number and date of birth masked."""
    text = CPF.sub(lambda m: MASK if is_valid_cpf(m.group()) else m.group(), text or "")
    text = EMAIL.sub(MASK, text)
    text = BIRTH.sub(lambda m: m.group(0).replace(m.group(1), MASK), text)
    return PHONE.sub(lambda m: MASK if sum(c.isdigit() for c in m.group()) >= 8 else m.group(),
                     text)
