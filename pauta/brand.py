"""The installation's brand: what every page shows of the municipality (docs/ui.md).

Read from settings once per process; the colour is checked for contrast so the accent the
administrator picks never makes buttons or links unreadable (WCAG 2.1 AA, 4.5:1 on white).
"""

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core import checks

HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
DEFAULT_COLOR = "#1351b4"  # the gov.br Design System's own interactive blue


@dataclass(frozen=True)
class Brand:
    name: str
    unit: str
    logo: str
    color: str
    address: str
    ombudsman_url: str
    ombudsman_phone: str
    govbr: bool

    @property
    def color_rgb(self) -> str:
        return ",".join(str(c) for c in _rgb(self.color))

    @property
    def color_dark(self) -> str:
        """The accent darkened by a third, for hover and pressed states."""
        return "#" + "".join(f"{int(c * 0.67):02x}" for c in _rgb(self.color))

    @property
    def logo_is_url(self) -> bool:
        return self.logo.startswith(("https://", "http://", "/"))


def _rgb(color: str) -> tuple[int, int, int]:
    value = HEX.match(color).group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast_on_white(color: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


@cache
def current() -> Brand:
    color = settings.BRAND_COLOR if HEX.match(settings.BRAND_COLOR or "") else DEFAULT_COLOR
    if contrast_on_white(color) < 4.5:
        color = DEFAULT_COLOR
    return Brand(name=settings.BRAND_NAME, unit=settings.BRAND_UNIT, logo=settings.BRAND_LOGO,
                 color=color.lower(), address=settings.BRAND_ADDRESS,
                 ombudsman_url=settings.BRAND_OMBUDSMAN_URL,
                 ombudsman_phone=settings.BRAND_OMBUDSMAN_PHONE, govbr=settings.BRAND_GOVBR)


@checks.register(checks.Tags.compatibility)
def check_brand(app_configs, **kwargs):
    """Warn when BRAND_COLOR is not a #rrggbb colour readable on white (it is replaced)."""
    color = settings.BRAND_COLOR or ""
    if not HEX.match(color):
        return [checks.Warning(f"BRAND_COLOR {color!r} is not a #rrggbb colour; "
                               f"{DEFAULT_COLOR} is used.", id="pauta.W010")]
    if contrast_on_white(color) < 4.5:
        return [checks.Warning(f"BRAND_COLOR {color} has a contrast of "
                               f"{contrast_on_white(color):.1f}:1 on white (4.5:1 needed); "
                               f"{DEFAULT_COLOR} is used.", id="pauta.W011")]
    return []
