from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "twofactor"
    verbose_name = _("Two-factor authentication")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from twofactor import verbs  # noqa: F401  (registers its audit verbs)
        from twofactor.middleware import remember_no_device

        user_logged_in.connect(remember_no_device, dispatch_uid="twofactor.remember_no_device")
