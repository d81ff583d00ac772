from __future__ import annotations

import secrets
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.irs import deadlines, notice_types


class Heartbeat(models.Model):
    """A row written by a Celery worker, proving the task path works end to end."""

    beat_at = models.DateTimeField(
        _("beat at"), auto_now_add=True, help_text=_("When a worker ran the heartbeat task.")
    )

    class Meta:
        verbose_name = _("worker heartbeat")
        get_latest_by = "beat_at"

    def __str__(self) -> str:
        return f"heartbeat at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class Case(models.Model):
    """One IRS notice that a person is tracking."""

    class NoticeType(models.TextChoices):
        CP14 = "CP14", _("CP14 (first bill)")
        CP501 = "CP501", _("CP501 (reminder)")
        CP503 = "CP503", _("CP503 (second reminder)")
        CP504 = "CP504", _("CP504 (notice of intent to levy)")
        LT11 = "LT11", _("LT11 / Letter 1058 (final notice, right to a hearing)")
        CP2000 = "CP2000", _("CP2000 (proposed change, not a bill)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAYING = "paying", _("Paying")
        PLAN = "plan", _("On a payment plan")
        DISPUTED = "disputed", _("Disputed")
        RESOLVED = "resolved", _("Resolved")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cases"
    )
    nickname = models.CharField(
        _("nickname"), max_length=80, blank=True,
        help_text=_("A name to tell your notices apart, like “2024 taxes”."),
    )  # fmt: skip
    notice_type = models.CharField(
        _("notice type"), max_length=8, choices=NoticeType.choices, default=NoticeType.CP14,
        help_text=_("The notice number in the top right corner of the letter."),
    )  # fmt: skip
    notice_date = models.DateField(
        _("notice date"), help_text=_("The date printed near the top of the notice.")
    )
    pay_by = models.DateField(
        _("date printed on the notice to pay or answer by"), null=True, blank=True,
        help_text=_("As printed on the notice. Leave blank if you can't find it."),
    )  # fmt: skip
    tax_year = models.PositiveSmallIntegerField(_("tax year"))
    amount_due = models.DecimalField(_("amount due"), max_digits=11, decimal_places=2)
    tax_amount = models.DecimalField(
        _("tax"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    penalty_amount = models.DecimalField(
        _("penalties"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    interest_amount = models.DecimalField(
        _("interest"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    irs_phone = models.CharField(
        _("IRS phone number on the notice"), max_length=30, blank=True,
        help_text=_("Printed where the notice tells you how to contact the IRS."),
    )  # fmt: skip
    irs_address = models.TextField(
        _("IRS address for letters"), max_length=400, blank=True,
        help_text=_("Where to write to the IRS, as printed on the notice (often near the top)."),
    )  # fmt: skip
    payment_address = models.TextField(
        _("IRS address for payments"), max_length=400, blank=True,
        help_text=_("Where to mail a check, as printed on the payment stub at the bottom."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)
    flow_answers = models.JSONField(
        default=dict, blank=True, help_text=_("Answers from the guided check-up.")
    )
    plan_done = models.JSONField(
        default=list, blank=True, help_text=_("Keys of the action-plan steps marked done.")
    )
    # A new random value whenever the case or anything its pages show changes, set by the
    # database itself (triggers in migration 0011, see notices/kept.py), never by Python.
    version = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["notice_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.nickname or f"{self.notice_type} for {self.tax_year}"

    @property
    def deadline(self) -> deadlines.Deadline:
        return notice_types.key_date(
            self.notice_type, notice_date=self.notice_date, amount=self.amount_due,
            printed=self.pay_by,
        )  # fmt: skip

    @property
    def rules(self) -> notice_types.NoticeRules:
        return notice_types.rules_for(self.notice_type)

    def days_left(self, today: date | None = None) -> int:
        return deadlines.days_left(self.deadline.due, today=today or timezone.localdate())

    @property
    def is_resolved(self) -> bool:
        return self.status == self.Status.RESOLVED


class EarlierNotice(models.Model):
    """A notice a case followed before a newer one on the same balance replaced it.

    Recording a newer notice ("I got a CP501 now") moves the case's notice fields here, so
    the case always follows the latest notice and the timeline keeps every earlier one.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="earlier_notices")
    notice_type = models.CharField(_("notice type"), max_length=8, choices=Case.NoticeType.choices)
    notice_date = models.DateField(_("notice date"))
    pay_by = models.DateField(
        _("date printed on the notice to pay or answer by"), null=True, blank=True
    )
    amount_due = models.DecimalField(_("amount due"), max_digits=11, decimal_places=2)
    tax_amount = models.DecimalField(
        _("tax"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    penalty_amount = models.DecimalField(
        _("penalties"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    interest_amount = models.DecimalField(
        _("interest"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    recorded_at = models.DateTimeField(
        _("replaced on"), auto_now_add=True,
        help_text=_("When a newer notice took this one's place on the case."),
    )  # fmt: skip

    class Meta:
        ordering = ["notice_date", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.notice_type} of {self.notice_date:%Y-%m-%d}"


class ContactEntry(models.Model):
    """A call, letter or visit with the IRS about a case."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone call")
        MAIL = "mail", _("Letter or mail")
        ONLINE = "online", _("Online account or chat")
        IN_PERSON = "in_person", _("In person")
        FAX = "fax", _("Fax")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    contacted_at = models.DateTimeField(_("date and time"))
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    employee_name = models.CharField(_("IRS employee name"), max_length=100, blank=True)
    employee_id = models.CharField(
        _("IRS employee ID number"), max_length=30, blank=True,
        help_text=_("IRS staff give a name and ID number when asked. Write both down."),
    )  # fmt: skip
    summary = models.TextField(_("what was said or agreed"), max_length=5000)
    reference_number = models.CharField(_("reference number"), max_length=60, blank=True)
    follow_up_on = models.DateField(
        _("follow-up date"), null=True, blank=True,
        help_text=_("When to call or check again, if anything was promised."),
    )  # fmt: skip

    class Meta:
        ordering = ["-contacted_at", "-id"]
        verbose_name_plural = _("contact entries")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.contacted_at:%Y-%m-%d}"


class PaymentEntry(models.Model):
    """A payment the person made toward a case."""

    class Method(models.TextChoices):
        DIRECT_PAY = "direct_pay", _("IRS Direct Pay")
        EFTPS = "eftps", _("EFTPS")
        CARD = "card", _("Debit or credit card")
        CHECK = "check", _("Check or money order")
        PLAN = "plan", _("Payment plan installment")
        ONLINE_ACCOUNT = "online_account", _("IRS Online Account")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField(_("date paid"))
    amount = models.DecimalField(_("amount"), max_digits=11, decimal_places=2)
    method = models.CharField(_("how you paid"), max_length=16, choices=Method.choices)
    confirmation_number = models.CharField(
        _("confirmation or check number"), max_length=60, blank=True,
        help_text=_("Keep it: it proves you paid."),
    )  # fmt: skip

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name_plural = _("payment entries")

    def __str__(self) -> str:
        return f"${self.amount} on {self.paid_on:%Y-%m-%d}"


class ChecklistItem(models.Model):
    """A document to gather or a step to take, ticked off when done."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Documents to gather")
        STEP = "step", _("Steps to take")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checklist")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STEP)
    text = models.CharField(_("item"), max_length=200)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "id"]

    def __str__(self) -> str:
        return self.text


def default_lead_days() -> list[int]:
    return [7, 1]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(24)


class Profile(models.Model):
    """What a person tells us once: for letters (name, address) and reminders (time zone)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    full_name = models.CharField(_("your full name"), max_length=120, blank=True)
    spouse_name = models.CharField(
        _("spouse's full name (joint return only)"), max_length=120, blank=True
    )
    address_line1 = models.CharField(_("street address"), max_length=120, blank=True)
    address_line2 = models.CharField(
        _("apartment, suite or unit (optional)"), max_length=120, blank=True
    )
    city = models.CharField(_("city"), max_length=80, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    daytime_phone = models.CharField(_("daytime phone"), max_length=30, blank=True)
    ssn_last4 = models.CharField(
        _("last 4 digits of your SSN (optional)"), max_length=4, blank=True,
        help_text=_("Only the last 4 digits. We never store a full Social Security number."),
    )  # fmt: skip
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York",
        help_text=_("Reminders arrive in the morning of this time zone."),
    )  # fmt: skip
    reminders_enabled = models.BooleanField(_("send me deadline reminders"), default=True)
    # The language of this person's emails: set when they sign up on /es/, use the header's
    # language link or change it on the reminder settings page.
    language = models.CharField(
        _("language for emails"), max_length=8, default="en",
        choices=[("en", "English"), ("es", "Español")],
    )  # fmt: skip
    reminder_lead_days = models.JSONField(
        _("days before the pay-by date to remind me"), default=default_lead_days,
        help_text=_("For example 7 and 1: a week before, and the day before."),
    )  # fmt: skip
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False,
        help_text=_("Secret part of the private calendar feed address. Reset it to revoke."),
    )  # fmt: skip
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_unsubscribe_token, editable=False,
        help_text=_(
            "Secret part of the links in reminder emails that turn reminders off. Reset it to "
            "make the links in emails already sent stop working."
        ),
    )  # fmt: skip

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"


class Letter(models.Model):
    """A response letter as generated: frozen, so a re-download is exactly what was sent."""

    class Kind(models.TextChoices):
        DISPUTE = "dispute", _("Dispute letter: the amount is wrong")
        PAYMENT_TRACE = "payment_trace", _("Payment-trace letter: I already paid")
        ABATEMENT = "abatement", _("Penalty relief request")
        PAYMENT_COVER = "payment_cover", _("Cover letter for a check or money order")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("letter"), max_length=16, choices=Kind.choices)
    inputs = models.JSONField(default=dict, help_text=_("The answers the letter was made from."))
    html_snapshot = models.TextField(
        help_text=_("The letter's HTML when it was generated; the PDF is rendered from it.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Render(models.TextChoices):
        WAITING = "waiting", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be made")

    # The PDF is made once, in the background, and kept; downloads serve the stored file.
    pdf = models.FileField(upload_to="letters/%Y/%m/", blank=True)
    render_status = models.CharField(max_length=8, choices=Render.choices, default=Render.WAITING)
    render_error = models.CharField(max_length=200, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    # The page of the PDF each part of the letter landed on ({"part-reasons": 1}), found when
    # the PDF is laid out: the letter's page explains it page by page (letters/explaining.py).
    part_pages = models.JSONField(default=dict, blank=True)
    # What the person tells us after mailing it: the follow-up step counts from this date.
    mailed_on = models.DateField(_("date you mailed it"), null=True, blank=True)
    tracking_number = models.CharField(
        _("certified mail tracking number (optional)"), max_length=40, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class SavedPlan(models.Model):
    """A check-up plan kept without an account, opened by a private link until it expires.

    The link carries a secret; only its SHA-256 is stored, so the table alone opens nothing.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict)
    # Kept only until the "email me this plan" message has gone; then cleared.
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"saved plan {self.pk} until {self.expires_at:%Y-%m-%d}"


class Reminder(models.Model):
    """One email to send about a case: the database row is the source of truth.

    The dispatcher claims due rows with a lease; the send task claims again before
    sending and records the send. See notices/reminders/sending.py for the whole protocol.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Claimed")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    # A reminder is about a case, or (the "email me this plan" message) about a saved plan.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reminders", null=True, blank=True
    )
    plan = models.ForeignKey(
        SavedPlan, on_delete=models.CASCADE, related_name="emails", null=True, blank=True
    )
    kind = models.CharField(
        max_length=64,
        help_text=_(
            "What the reminder is for and its date, unique per case: before-7@2026-03-24, "
            "due@…, after-1@…, follow-up@<contact id>@…."
        ),
    )
    send_at = models.DateTimeField(db_index=False)
    about = models.DateField(
        null=True,
        blank=True,
        help_text=_("The pay-by date or follow-up date this reminder is about."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["send_at", "id"]
        constraints = [
            # One reminder of each kind per case: a second send is impossible by construction.
            models.UniqueConstraint(fields=["case", "kind"], name="one_reminder_per_kind"),
            models.UniqueConstraint(fields=["plan", "kind"], name="one_plan_email_per_kind"),
            models.CheckConstraint(
                condition=models.Q(case__isnull=False, plan__isnull=True)
                | models.Q(case__isnull=True, plan__isnull=False),
                name="reminder_about_case_or_plan",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["pending", "claimed", "sending", "sent", "cancelled", "failed"]
                ),
                name="reminder_status_valid",
            ),
        ]
        indexes = [
            # The dispatcher's scan: due pending rows (notices.reminders.claim_due).
            models.Index(
                fields=["send_at"],
                name="reminder_pending_due",
                condition=models.Q(status="pending"),
            ),
            # ... and rows whose lease ran out while claimed or sending.
            models.Index(
                fields=["lease_until"],
                name="reminder_lease",
                condition=models.Q(status__in=["claimed", "sending"]),
            ),
        ]

    def __str__(self) -> str:
        about = f"case {self.case_id}" if self.case_id else f"plan {self.plan_id}"
        return f"{self.kind} for {about} at {self.send_at:%Y-%m-%d %H:%M}"


class ReminderAttempt(models.Model):
    """Audit trail: one row per try at sending a reminder."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="tries")
    started_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.outcome} at {self.started_at:%Y-%m-%d %H:%M:%S}"
