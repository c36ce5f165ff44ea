"""Administrators see and remove TOTP devices (a lost phone); they neither add nor change one.

django-otp's own admin lets an administrator create a device with a key of their choosing, or
read a person's key as a QR code: either would pass someone's second factor. Here the admin
lists devices and deletes them, each deletion audited; the person then enrols again.
"""

from django.contrib import admin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from twofactor import services

admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuditedTOTPDeviceAdmin(TOTPDeviceAdmin):
    def get_urls(self):  # no config/QR-code pages: they show the key
        return admin.ModelAdmin.get_urls(self)

    def get_list_display(self, request):
        return [name for name in super().get_list_display(request) if name != "qrcode_link"]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": ["user", "name", "confirmed", "created_at", "last_used_at"]})]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.device_remove_by_admin(by=request.user, devices=[obj])

    def delete_queryset(self, request, queryset):
        services.device_remove_by_admin(by=request.user, devices=list(queryset))
