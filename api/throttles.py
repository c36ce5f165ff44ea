"""Rate limits on the shared cache (Redis when configured); rates read from settings."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_USER


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_ANON
