"""Admin for support staff: searchable, read-mostly, and no secrets on screen."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from notices.models import (
    Case,
    ChecklistItem,
    ContactEntry,
    EarlierNotice,
    Letter,
    PaymentEntry,
    Profile,
    Reminder,
    ReminderAttempt,
)


class ContactInline(admin.TabularInline):
    model = ContactEntry
    extra = 0


class PaymentInline(admin.TabularInline):
    model = PaymentEntry
    extra = 0


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


class EarlierNoticeInline(admin.TabularInline):
    model = EarlierNotice
    extra = 0
    readonly_fields = ["recorded_at"]


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    fields = ["kind", "send_at", "status", "attempts", "sent_at"]
    readonly_fields = ["kind", "send_at", "status", "attempts", "sent_at"]
    can_delete = False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["public_id", "owner", "notice_type", "tax_year", "notice_date", "status"]
    list_filter = ["status", "notice_type", "tax_year"]
    search_fields = ["public_id", "owner__email", "nickname"]
    raw_id_fields = ["owner"]
    readonly_fields = ["public_id", "created_at", "updated_at", "resolved_at"]
    inlines = [EarlierNoticeInline, ChecklistInline, ContactInline, PaymentInline, ReminderInline]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["id", "case", "kind", "send_at", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["case__public_id", "case__owner__email", "kind"]
    raw_id_fields = ["case"]
    readonly_fields = ["message_id", "last_error", "created_at"]


@admin.register(ReminderAttempt)
class ReminderAttemptAdmin(admin.ModelAdmin):
    list_display = ["reminder", "started_at", "outcome"]
    list_filter = ["outcome"]
    raw_id_fields = ["reminder"]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["public_id", "case", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["public_id", "case__owner__email"]
    raw_id_fields = ["case"]
    # The frozen letter holds a name and address: support needs the row, not the content.
    exclude = ["html_snapshot", "inputs"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone", "reminders_enabled"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    exclude = ["calendar_token", "unsubscribe_token", "ssn_last4"]


class SafeUserAdmin(UserAdmin):
    """The stock user admin, without the password hash field on the change page."""

    fieldsets = tuple(
        (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
        for name, options in UserAdmin.fieldsets or ()
    )
    search_fields = ["email", "username"]


admin.site.unregister(User)
admin.site.register(User, SafeUserAdmin)
