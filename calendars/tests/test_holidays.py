"""The SLA clock's holidays: computed movable dates, a rolling horizon, local holidays."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from calendars.holidays import horizon, refresh_horizon
from calendars.movable import built_in
from pauta import clock
from workflows.models import Holiday

D = dt.date

# From the law and the Easter tables (Easter: 5 Apr 2026, 28 Mar 2027, 16 Apr 2028,
# 1 Apr 2029, 21 Apr 2030); Carnaval Tuesday = Easter - 47, Sexta-feira Santa = Easter - 2,
# Corpus Christi = Easter + 60.
CARNIVAL_TUESDAY = [D(2026, 2, 17), D(2027, 2, 9), D(2028, 2, 29), D(2029, 2, 13), D(2030, 3, 5)]
GOOD_FRIDAY = [D(2026, 4, 3), D(2027, 3, 26), D(2028, 4, 14), D(2029, 3, 30), D(2030, 4, 19)]
CORPUS_CHRISTI = [D(2026, 6, 4), D(2027, 5, 27), D(2028, 6, 15), D(2029, 5, 31), D(2030, 6, 20)]
EASTER = [D(2026, 4, 5), D(2027, 3, 28), D(2028, 4, 16), D(2029, 4, 1), D(2030, 4, 21)]


def days(country, name, optional):
    return [off.date for year in range(2026, 2031) for off in built_in(year, country, [])
            if off.name == name and off.optional == optional]


def test_brazil_movable_holidays_2026_to_2030():
    assert days("BR", "Sexta-feira da Paixão", False) == GOOD_FRIDAY
    # Carnaval (Monday and Tuesday) and Corpus Christi are pontos facultativos in Brazil.
    assert [d for d in days("BR", "Carnaval", True) if d.weekday() == 1] == CARNIVAL_TUESDAY
    assert days("BR", "Carnaval", True) == sorted(
        CARNIVAL_TUESDAY + [d - dt.timedelta(days=1) for d in CARNIVAL_TUESDAY])
    assert days("BR", "Corpus Christi", True) == CORPUS_CHRISTI


def test_portugal_movable_holidays_2026_to_2030():
    assert days("PT", "Sexta-Feira Santa", False) == GOOD_FRIDAY
    assert days("PT", "Páscoa", False) == EASTER
    assert days("PT", "Corpo de Deus", False) == CORPUS_CHRISTI
    # Carnaval is not a national holiday in Portugal (Código do Trabalho art. 235): optional.
    assert days("PT", "Carnaval", True) == CARNIVAL_TUESDAY
    assert days("PT", "Carnaval", False) == []


def test_local_holidays_of_the_installation():
    offs = built_in(2026, "", ["07-09 Revolução Constitucionalista", "easter+39 Ascensão"])
    assert [(o.date, o.name) for o in offs] == [
        (D(2026, 5, 14), "Ascensão"), (D(2026, 7, 9), "Revolução Constitucionalista")]
    with pytest.raises(ImproperlyConfigured, match="13-01 Nada"):
        built_in(2026, "", ["13-01 Nada"])


@pytest.mark.django_db
def test_the_horizon_rolls_on_without_anyone_editing_an_event(settings):
    from calendars.services import event_create
    from org.tests.factories import UserFactory

    settings.HOLIDAYS_COUNTRY = "BR"
    start = timezone.make_aware(dt.datetime(2026, 1, 25))
    event_create(by=UserFactory(roles=["editor"]), kind="holiday", title="Aniversário da cidade",
                 all_day=True, starts_at=start, ends_at=start, rrule="FREQ=YEARLY")
    late = timezone.make_aware(dt.datetime(2027, 12, 31, 12))
    with clock.travel(late):
        assert horizon() == (D(2027, 1, 1), D(2029, 12, 31))
        refresh_horizon()
    names = dict(Holiday.objects.values_list("date", "name"))
    for year in (2028, 2029):
        assert names[D(year, 1, 25)] == "Aniversário da cidade"
        assert names[D(year, 11, 20)] == "Dia Nacional de Zumbi e da Consciência Negra"
    assert names[D(2028, 4, 14)] == "Sexta-feira da Paixão"
    assert names[D(2029, 3, 30)] == "Sexta-feira da Paixão"
    assert names[D(2026, 1, 25)] == "Aniversário da cidade"  # last year's days stay
    assert D(2030, 1, 25) not in names


@pytest.mark.django_db
def test_pontos_facultativos_of_the_built_in_calendar_follow_the_setting(settings):
    settings.HOLIDAYS_COUNTRY = "BR"
    settings.HOLIDAYS_OPTIONAL_STOP_SLA = False
    refresh_horizon(D(2026, 12, 1))
    assert not Holiday.objects.filter(date=D(2027, 2, 9)).exists()
    settings.HOLIDAYS_OPTIONAL_STOP_SLA = True
    refresh_horizon(D(2026, 12, 1))
    assert Holiday.objects.get(date=D(2027, 2, 9)).name == "Carnaval"


@pytest.mark.django_db
def test_the_sla_clock_skips_the_computed_holidays(settings):
    from workflows.sla import add_business_days

    settings.HOLIDAYS_COUNTRY = "BR"
    refresh_horizon(D(2027, 12, 31))
    # Thursday 13 April 2028 + 1 business day: Good Friday 14 April is skipped.
    assert add_business_days(D(2028, 4, 13), 1) == D(2028, 4, 17)
