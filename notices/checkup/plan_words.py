"""The words of the action plan. Pure data: no decisions.

Edit any sentence here without reading action_plan.py, which decides which steps apply,
in what order and with which dates, and looks their words up by key:

- STEPS: each plan step's title, what to do, and detail lines, by step key. A step key is
  stored in Case.plan_done, so keys must not change; the words may.
- The texts after STEPS: sentences a step uses only in some cases (a different "what", or
  a first detail line that depends on the amount).
The findings, headlines, timing words and link labels are in plan_phrases.py.

Placeholders. Figures are never typed here: they come from notices/irs/rates.py and are
filled in by action_plan.py. Any text may use these named placeholders:

    %(amount)s                 the amount due on the notice, like $2,450.18
    %(short_term_limit)s       short-term plan: the balance must be under this ($100,000)
    %(short_term_days)s        short-term plan: days to pay in full (180)
    %(online_plan_limit)s      monthly plan: apply online when owing this or less ($50,000)
    %(plan_months)s            monthly plan: the longest term in months (72)
    %(fee_online_debit)s       monthly plan setup fees: online with direct debit ($22),
    %(fee_online_other)s       online without (69), by phone, mail or in person with
    %(fee_offline_debit)s      direct debit ($107) or without ($178)
    %(fee_offline_other)s
    %(ftp_rate)s           late-payment penalty a month (0.5%)
    %(ftp_plan_rate)s      the same while a payment plan is in place (0.25%)
    %(call_days)s              days we give to call or write (7)
    %(reply_days)s             days to allow for the IRS to reply to a letter (30)
    %(notice)s                 the notice's number, like CP14 or CP504
    %(day)s                    the notice's key date in words (headlines and findings)
    %(levy_day)s               the first day the levy-notice penalty rate can apply
    %(hearing_days)s           days to ask for a hearing after an LT11 (30)
    %(ftp_levy_rate)s          the late-payment penalty a month after a levy notice (1%)

A text with a placeholder must write a percent sign as %%; a text without one is shown
exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from notices.checkup.text import Text


@dataclass(frozen=True)
class StepWords:
    title: Text
    what: Text
    details: tuple[Text, ...] = ()


HOW_TO_ASK_FOR_RELIEF: tuple[Text, ...] = (
    _("Call the number on the notice and ask for first-time abatement for this tax year."),
    _("Or send a signed letter to the address on the notice, or use Form 843."),
    _("If the IRS agrees, it sends a letter, often Letter 3502C or 3503C. Keep it."),
)

STEPS: dict[str, StepWords] = {
    # A scam
    "scam-do-not-pay": StepWords(
        _("Do not pay, and do not reply"),
        _("Don't pay, call back, click links or give out any personal details."),
        (
            _("The real IRS does not ask for gift cards, prepaid cards or wire transfers."),
            _("It does not threaten arrest or ask for card numbers on the phone."),
            _("Keep the message. You will need it to report the scam."),
        ),
    ),
    "scam-check-with-irs": StepWords(
        _("Check with the IRS yourself"),
        _("Find out if you really owe anything, without using the message you got."),
        (
            _("Sign in to your IRS Online Account on IRS.gov to see what you owe."),
            _("Or call the IRS at 800-829-1040, weekdays 7 a.m. to 7 p.m. your time."),
            _("Use only a phone number you find on IRS.gov yourself."),
            _(
                "If you also got a letter from the IRS in the mail, it may still be real. "
                "Scammers often copy real bills. Check the letter the same way, then come "
                "back and answer the check-up for the letter."
            ),
        ),
    ),
    "scam-report": StepWords(
        _("Report the scam"),
        _("Reporting helps stop scammers and can help you get money back."),
        (
            _("A fake IRS email: forward it, with its full headers, to phishing@irs.gov."),
            _("If you lost money or gave out details: call TIGTA at 800-366-4484."),
            _(
                "Also report it to the Federal Trade Commission (FTC) and to IC3, the FBI's "
                "Internet Crime Complaint Center."
            ),
        ),
    ),
    "scam-identity": StepWords(
        _("Protect your identity if you gave out details"),
        _("If you gave a scammer your Social Security number, act to protect it."),
        (
            _("Call the IRS identity theft line at 800-908-4490."),
            _(
                "If someone filed a tax return with your number, send Form 14039, the "
                "Identity Theft Affidavit. Send it only once."
            ),
            _("Think about getting an Identity Protection PIN from your Online Account."),
        ),
    ),
    # Not sure the letter is real
    "verify": StepWords(
        _("Check that the letter is real before you pay"),
        _("Use a way to reach the IRS that you find yourself, not one in the letter."),
        (
            _("Sign in to your IRS Online Account. Look for the same balance and tax year."),
            _("Or call the IRS at 800-829-1040, weekdays 7 a.m. to 7 p.m. your time."),
            _("If the IRS has no record of the bill, do not pay it. Report it as a scam."),
        ),
    ),
    # Already paid
    "paid-check-account": StepWords(
        _("See if your payment shows in your Online Account"),
        _("A payment can take 1 to 3 weeks to show. It may not be counted yet."),
        (
            _("Look at your payment history and the balance for this tax year."),
            _("If the payment shows and the balance is zero, keep your proof and the letter."),
        ),
    ),
    "paid-gather-proof": StepWords(
        _("Gather your proof of payment"),
        _("For each payment, note the date, the amount, how you paid and the tax year."),
        (
            _("A cancelled check, front and back."),
            _("A bank statement that shows the money leaving your account."),
            _("A Direct Pay or EFTPS confirmation number."),
        ),
    ),
    "paid-call": StepWords(
        _("Call the IRS if the payment is missing"),
        _("Call the IRS phone number printed on your notice. Have your proof with you."),
        (
            _(
                "You could say: “I got a %(notice)s for tax year (year). I paid (amount) on (date) "
                "by (method). The confirmation number is (number). Please credit it to "
                "that tax year.”"
            ),
            _("IRS phone staff can't see your Online Account, so read them your records."),
            _("Write down the date, the name and ID number of the person, and what they said."),
        ),
    ),
    "paid-trace-letter": StepWords(
        _("Or write to ask the IRS to find your payment"),
        _("Send a letter to the IRS address on the notice, with copies of your proof."),
        (
            _("Include a copy of the notice."),
            _("Say what you want: credit the payment to the right tax year."),
            _("Keep a copy of everything you send."),
        ),
    ),
    "paid-follow-up": StepWords(
        _("Follow up if you hear nothing"),
        _("Allow at least %(reply_days)s days for a reply. Then call the number on the notice."),
    ),
    # Not sure the amount is right
    "compare-return": StepWords(
        _("Compare the bill with your tax return"),
        _("Look at each number on the bill next to your return for the same year."),
        (
            _("The tax on your return."),
            _("Tax taken from your pay, and any payments you made."),
            _("Credits you claimed."),
            _(
                "The penalties and interest in the Billing Summary. They are added on top of "
                "the tax, so the total is more than the tax on your return."
            ),
        ),
    ),
    "get-help-checking": StepWords(
        _("Get help if it still doesn't add up"),
        _("Ask the person who did your return, or get free help."),
        (
            _("Low Income Taxpayer Clinics help people on low incomes for little or nothing."),
            _("A CPA, an enrolled agent or a tax attorney can look at it for you."),
            _("If it turns out to be wrong, question it by phone or by letter."),
        ),
    ),
    # The amount is wrong
    "dispute-gather-proof": StepWords(
        _("Gather proof of what is wrong"),
        _("Find the papers that show the right numbers."),
        (
            _("Your tax return for that year, and any amended return."),
            _("W-2 and 1099 forms, and proof of estimated payments."),
            _("Cancelled checks, bank statements or payment confirmation numbers."),
        ),
    ),
    "dispute-call": StepWords(
        _("Call the IRS to explain"),
        _("Call the IRS phone number printed on your notice. Ask what proof they need."),
        (
            _("Have the notice, your return and your proof in front of you."),
            _("Write down the date, the name and ID number of the person, and what they said."),
        ),
    ),
    "dispute-letter": StepWords(
        _("Or write a letter that explains what is wrong"),
        _("Send it to the IRS address on the notice, with copies of your proof."),
        (
            _("Say what you disagree with and why, and what you want the IRS to do."),
            _("Include a copy of the notice."),
            _("Say you will pay any amount you really owe. Keep a copy of it all."),
        ),
    ),
    "dispute-interest": StepWords(
        _("Know that interest keeps running"),
        _("If you turn out to owe some of it, interest will have built up."),
    ),
    "dispute-follow-up": StepWords(
        _("Follow up if you hear nothing"),
        _("Allow at least %(reply_days)s days for a reply. Then call the number on the notice."),
    ),
    # Paying
    "pay-in-full": StepWords(
        _("Pay the full amount"),
        _("Pay in full by the pay-by date and no more interest is added after the notice date."),
        (
            _(
                "IRS Direct Pay takes money from your bank account for free. You get a "
                "confirmation number right away."
            ),
            _(
                "Card payments go through a processor that charges a fee. Check the fee on "
                "IRS.gov first."
            ),
            _(
                "A check goes to “U.S. Treasury”. Write your name, phone, tax year and "
                "“%(notice)s” on it. Mail it to the payment address on the notice's stub."
            ),
        ),
    ),
    "pay-keep-proof": StepWords(
        _("Keep proof of your payment"),
        _("Save the confirmation number, the date and the amount."),
        (_("If you pay by check, keep a copy of it, front and back, once it clears."),),
    ),
    "pay-what-you-can": StepWords(
        _("Pay what you can now"),
        _("Interest and the late-payment penalty grow on what is unpaid, so every payment helps."),
    ),
    "short-term-plan": StepWords(
        _("Ask for a short-term payment plan"),
        _("A short-term payment plan gives you up to %(short_term_days)s days to pay in full."),
        (  # after one of the SHORT_TERM_ first lines below
            _("Apply online, by phone, by mail or in person. There is no setup fee."),
            _("Then pay the full balance within %(short_term_days)s days."),
            _("Interest and penalties keep adding up until it is all paid."),
        ),
    ),
    "installment-agreement": StepWords(
        _("Apply for a long-term payment plan"),
        _("The IRS calls this an installment agreement. Make every payment once it starts."),
        (  # after one of the MONTHLY_ first lines below
            _(
                "A plan can last up to %(plan_months)s months. You pick a payment day from "
                "the 1st to the 28th."
            ),
            _(
                "Setup fees other sites list: online %(fee_online_debit)s with direct debit or "
                "%(fee_online_other)s without; by phone, mail or in person "
                "%(fee_offline_debit)s or %(fee_offline_other)s. Lower for low incomes. We could "
                "not confirm these on an IRS page, so check IRS.gov before you apply."
            ),
            _(
                "If you filed on time, the late-payment penalty drops from %(ftp_rate)s to "
                "%(ftp_plan_rate)s a month while the plan is in place."
            ),
        ),
    ),
    # Can't pay anything now
    "cannot-pay-call": StepWords(
        _("Tell the IRS you can't pay right now"),
        _("Call the IRS phone number on the notice. Ask the IRS to hold off for now."),
        (
            _(
                "The IRS calls this “currently not collectible”. It looks at your income, "
                "costs and what you own. It may ask for Form 433-F."
            ),
            _(
                "The debt is not forgiven. Interest and penalties keep growing, and the IRS "
                "may still file a lien."
            ),
        ),
    ),
    "offer-in-compromise": StepWords(
        _("See if you could settle for less"),
        _(
            "With an offer in compromise, you pay less than you owe. The IRS says yes only "
            "when it can't expect to collect the full amount, so most people don't qualify."
        ),
        (
            _("First use the Offer in Compromise Pre-Qualifier tool on IRS.gov."),
            _(
                "There is a fee, which the IRS keeps even if it says no. Check the current fee "
                "on IRS.gov. People with low incomes may not have to pay it."
            ),
            _("Be careful of firms that promise to settle for “pennies on the dollar”."),
        ),
    ),
    "taxpayer-advocate": StepWords(
        _("Get free help if you face hardship"),
        _("The Taxpayer Advocate Service is free and works inside the IRS for you."),
        (
            _("Call 877-777-4778 if paying would cause real hardship, or your case is stuck."),
            _("Low Income Taxpayer Clinics help people on low incomes for little or nothing."),
        ),
    ),
    # Penalty relief
    "fta-ask": StepWords(
        _("Ask the IRS to remove the penalty"),
        _(
            "You seem to meet all three rules for first-time penalty relief. Ask for it: "
            "the IRS may not give it on its own."
        ),
        HOW_TO_ASK_FOR_RELIEF,
    ),
    "fta-check": StepWords(
        _("Check the rules, then ask to remove the penalty"),
        _(
            "You may qualify for first-time penalty relief. Check the rules you weren't "
            "sure about, then ask."
        ),
        (
            _(
                "No penalties in the 3 tax years before on the same kind of return (a "
                "penalty for too little estimated tax doesn't count), all returns filed, "
                "and the tax paid or a plan set up."
            ),
            *HOW_TO_ASK_FOR_RELIEF,
        ),
    ),
    "reasonable-cause": StepWords(
        _("Ask for relief if you had a good reason"),
        _("The IRS may remove a penalty if something outside your control made you late."),
        (
            _(
                "For example: a serious illness, a death in the family, a fire or disaster, or "
                "not being able to get your records."
            ),
            _("Explain what happened, when, and how it stopped you paying or filing on time."),
            _("Send copies of papers that back up your story. Keep the originals."),
        ),
    ),
    # A final notice of intent to levy (LT11 / Letter 1058): the hearing request
    "hearing-request": StepWords(
        _("Ask for a Collection Due Process hearing"),
        _(
            "Send Form 12153 to the address on your letter. A hearing request sent in time "
            "usually stops the IRS from taking your property while it is looked at."
        ),
        (
            _(
                "You have %(hearing_days)s days from the date of the letter. Mail it by "
                "certified mail and keep the receipt."
            ),
            _(
                "On the form, say what you want: a payment plan, time to pay, or a review "
                "of an amount you think is wrong."
            ),
            _(
                "Missed the date? You can still ask for a similar hearing within a year, but "
                "you can't take it to Tax Court afterwards."
            ),
        ),
    ),
    # A CP2000: a proposed change, answered on its own response form
    "cp2000-agree": StepWords(
        _("Send the response form: you agree"),
        _("Tick that you agree, sign the response form and send it back by the date on it."),
        (
            _("If your return was joint, you both sign."),
            _("You can send a payment with it. If you can't pay it all, the steps below help."),
            _("Keep a copy of what you send."),
        ),
    ),
    "cp2000-disagree": StepWords(
        _("Send the response form: you disagree"),
        _(
            "Tick that you disagree, explain why in a signed statement, and send copies of "
            "your proof with the response form by the date on it."
        ),
        (
            _(
                "A corrected form from your employer or bank (a W-2c or a corrected 1099) is "
                "strong proof."
            ),
            _("If you need more time, call the number on the CP2000 before the date."),
            _("Send only what backs up your answer, and keep copies."),
        ),
    ),
    "cp2000-respond": StepWords(
        _("Send the response form by the date on it"),
        _(
            "Once you know if the change is right, tick agree or disagree, sign and send "
            "the form back. If you need more time, call the number on the CP2000."
        ),
    ),
    # Always last
    "keep-records": StepWords(
        _("Keep a record of everything"),
        _("Keep the notice, your proof, copies of letters and notes of every call together."),
        (_("If another notice comes, you will have what you need."),),
    ),
}

# "pay-in-full" when the notice has no interest-free window (every notice after the CP14).
PAY_IN_FULL_NO_WINDOW = _(
    "Pay in full by the date on your notice. Interest stops growing once it is all paid."
)
# "pay-in-full" when the person thinks only part of the bill is right.
PAY_AGREED_TITLE = _("Pay the part you agree with")
PAY_AGREED_WHAT = _(
    "Pay the part you agree with by the date on your notice. Interest keeps running while "
    "the IRS looks at the rest, and paying this part now keeps it lower."
)

# "paid-check-account" when only part of the bill was paid: its "what".
PAID_PART_CHECK = _("A payment can take 1 to 3 weeks to show. Check what is still left to pay.")

# "short-term-plan": its first detail line, with or without the amount due.
SHORT_TERM_YOU_OWE = _(
    "The notice asks for %(amount)s, which is under the %(short_term_limit)s limit."
)
SHORT_TERM_ANY_AMOUNT = _("You can get one if you owe less than %(short_term_limit)s in all.")

# "installment-agreement": its first detail line, by the amount due.
MONTHLY_OVER_ONLINE_LIMIT = _(
    "The notice asks for %(amount)s, which is over %(online_plan_limit)s. You can't apply "
    "online. Send "
    "Form 9465 with Form 433-F, a statement of your income and costs."
)
MONTHLY_ONLINE = _(
    "The notice asks for %(amount)s, so you can apply online if you have filed all your tax "
    "returns."
)
MONTHLY_ANY_AMOUNT = _(
    "You can apply online if you owe %(online_plan_limit)s or less and have filed all "
    "your tax returns."
)
