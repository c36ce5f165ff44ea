"""The installation's built-in holidays: the national calendar of Brazil or Portugal, with the
Easter-based (movable) dates computed, plus the state and municipal holidays it configures.

Brazil: Lei 10.607/2002 and Lei 6.802/1980 (fixed national holidays), Lei 14.759/2023
(20 November), Lei 9.093/1995 art. 2 (Sexta-feira da Paixão); Carnaval and Corpus Christi are
pontos facultativos of the federal calendar. Portugal: Código do Trabalho art. 234 (feriados
obrigatórios, with Sexta-Feira Santa, Páscoa and Corpo de Deus); Carnaval is optional (art. 235).
"""

import dataclasses
import datetime as dt
import re

from dateutil.easter import easter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclasses.dataclass(frozen=True)
class DayOff:
    date: dt.date
    name: str
    optional: bool = False  # a ponto facultativo, not a holiday by law


# (month, day) or ("easter", offset), name, optional
NATIONAL = {
    "BR": [((1, 1), "Confraternização Universal", False),
           (("easter", -48), "Carnaval", True), (("easter", -47), "Carnaval", True),
           (("easter", -2), "Sexta-feira da Paixão", False),
           ((4, 21), "Tiradentes", False), ((5, 1), "Dia do Trabalho", False),
           (("easter", 60), "Corpus Christi", True),
           ((9, 7), "Independência do Brasil", False),
           ((10, 12), "Nossa Senhora Aparecida", False), ((11, 2), "Finados", False),
           ((11, 15), "Proclamação da República", False),
           ((11, 20), "Dia Nacional de Zumbi e da Consciência Negra", False),
           ((12, 25), "Natal", False)],
    "PT": [((1, 1), "Dia de Ano Novo", False), (("easter", -47), "Carnaval", True),
           (("easter", -2), "Sexta-Feira Santa", False), (("easter", 0), "Páscoa", False),
           ((4, 25), "Dia da Liberdade", False), ((5, 1), "Dia do Trabalhador", False),
           (("easter", 60), "Corpo de Deus", False),
           ((6, 10), "Dia de Portugal, de Camões e das Comunidades Portuguesas", False),
           ((8, 15), "Assunção de Nossa Senhora", False),
           ((10, 5), "Implantação da República", False),
           ((11, 1), "Dia de Todos os Santos", False),
           ((12, 1), "Restauração da Independência", False),
           ((12, 8), "Imaculada Conceição", False), ((12, 25), "Natal", False)],
}
LOCAL = re.compile(r"^\s*(?:(\d{2})-(\d{2})|easter([+-]\d{1,3}))\s+(.+?)\s*$", re.IGNORECASE)


def _date(when, year: int) -> dt.date:
    if when[0] == "easter":
        return easter(year) + dt.timedelta(days=when[1])
    return dt.date(year, *when)


def local_rules(entries=None) -> list:
    """The LOCAL_HOLIDAYS setting as rules; a malformed entry stops the start with its text."""
    rules = []
    for entry in settings.LOCAL_HOLIDAYS if entries is None else entries:
        match = LOCAL.match(entry)
        try:
            if not match:
                raise ValueError
            month, day, offset, name = match.groups()
            when = ("easter", int(offset)) if offset else (int(month), int(day))
            _date(when, 2024)  # 2024 is a leap year: 02-29 is accepted
        except ValueError:
            raise ImproperlyConfigured(
                f"LOCAL_HOLIDAYS: {entry!r} is not 'MM-DD Name' or 'easter+N Name'.") from None
        rules.append((when, name, False))
    return rules


def built_in(year: int, country: str | None = None, entries=None) -> list[DayOff]:
    """The national and local days off of ``year``, in date order."""
    country = settings.HOLIDAYS_COUNTRY if country is None else country
    days = []
    for when, name, optional in NATIONAL.get(country, []) + local_rules(entries):
        try:
            days.append(DayOff(_date(when, year), name, optional))
        except ValueError:
            continue  # 29 February in a common year
    return sorted(days, key=lambda day: day.date)
