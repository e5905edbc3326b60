"""Sales tax: for each invoice that carries tax, why; and whether an exemption is in force today.

Only dates are stored, so an approval dated on an invoice's own day cannot have reached that
invoice: a taxed invoice issued the day its certificate was approved counts as issued while the
certificate was still in review.
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from actions.facts._base import Fact
from actions.models import CertificateStatus, Invoice, TaxCertificate, WorkspaceFacts

US = "US"


class TaxReason(StrEnum):
    NO_TAX = "no-tax"                                    # the invoice carries no tax
    VAT_GST = "vat-gst"                                  # business outside the US: VAT or GST
    CERTIFICATE_IN_REVIEW = "certificate-in-review"      # submitted, not yet approved at the invoice date
    CERTIFICATE_OTHER_STATE = "certificate-other-state"  # covers a state other than the billing address's
    CERTIFICATE_REJECTED = "certificate-rejected"
    NO_CERTIFICATE = "no-certificate"                    # none submitted by the invoice date
    UNEXPLAINED = "unexplained"                          # an approved certificate for the right state applied


class InvoiceTax(Fact):
    invoice_id: str
    issued_on: date
    tax_usd: Decimal
    reason: TaxReason
    certificate_state: str | None = None  # the certificate the reason is about
    certificate_decided_on: date | None = None


class TaxStatus(Fact):
    business_country: str
    billing_state: str | None
    exempt_since: date | None  # approval of a certificate covering the billing state, if in force today
    states_in_review: tuple[str, ...]  # states of the certificates awaiting a decision
    invoices: tuple[InvoiceTax, ...]  # newest first


def tax_status(facts: WorkspaceFacts, today: date) -> TaxStatus:
    """Why each invoice carries tax (or that it carries none), and the exemption status on ``today``."""
    workspace = facts.workspace
    billing_state = workspace.billing_address.state
    matching = [c for c in facts.certificates if _covers(c, billing_state)]
    approved = sorted(c.decided_on for c in matching
                      if c.status is CertificateStatus.APPROVED and c.decided_on is not None and c.decided_on <= today)
    invoices = sorted(facts.invoices, key=lambda i: (i.issued_on, i.id), reverse=True)
    return TaxStatus(
        business_country=workspace.business_address.country,
        billing_state=billing_state,
        exempt_since=approved[0] if approved else None,
        states_in_review=tuple(sorted({c.state for c in facts.certificates
                                       if c.status is CertificateStatus.IN_REVIEW})),
        invoices=tuple(invoice_tax(invoice, facts) for invoice in invoices),
    )


def invoice_tax(invoice: Invoice, facts: WorkspaceFacts) -> InvoiceTax:
    """The reason ``invoice`` carries tax, judged by the certificates as they stood on its issue date.

    Certificates for the billing address's state come first: approved before the invoice (then the
    tax is unexplained), in review on the invoice date, or rejected by then. Without one of those,
    a certificate for another state explains the tax; without any, no certificate was on file.
    """
    if invoice.tax_usd == 0:
        return _explained(invoice, TaxReason.NO_TAX)
    if facts.workspace.business_address.country != US:
        return _explained(invoice, TaxReason.VAT_GST)
    billing_state = facts.workspace.billing_address.state
    on_file = sorted((c for c in facts.certificates if c.submitted_on <= invoice.issued_on),
                     key=lambda c: (c.submitted_on, c.id))
    same_state = [c for c in on_file if _covers(c, billing_state)]
    for reason, test in (
        (TaxReason.UNEXPLAINED, _approved_before),
        (TaxReason.CERTIFICATE_IN_REVIEW, _pending_on),
        (TaxReason.CERTIFICATE_REJECTED, _rejected_before),
    ):
        found = [c for c in same_state if test(c, invoice.issued_on)]
        if found:
            return _explained(invoice, reason, found[-1])
    other_state = [c for c in on_file if not _covers(c, billing_state) and not _rejected_before(c, invoice.issued_on)]
    if other_state:
        return _explained(invoice, TaxReason.CERTIFICATE_OTHER_STATE, other_state[-1])
    return _explained(invoice, TaxReason.NO_CERTIFICATE)


def _covers(certificate: TaxCertificate, billing_state: str | None) -> bool:
    # Without a state on the billing address no certificate can be said to cover another state.
    return billing_state is None or certificate.state.upper() == billing_state.upper()


def _approved_before(certificate: TaxCertificate, day: date) -> bool:
    return (certificate.status is CertificateStatus.APPROVED
            and certificate.decided_on is not None and certificate.decided_on < day)


def _rejected_before(certificate: TaxCertificate, day: date) -> bool:
    return (certificate.status is CertificateStatus.REJECTED
            and certificate.decided_on is not None and certificate.decided_on < day)


def _pending_on(certificate: TaxCertificate, day: date) -> bool:
    """Submitted by ``day`` and not decided before it (still in review, or decided that day or later)."""
    if certificate.submitted_on > day:
        return False
    if certificate.status is CertificateStatus.IN_REVIEW or certificate.decided_on is None:
        return True
    return certificate.decided_on >= day


def _explained(invoice: Invoice, reason: TaxReason, certificate: TaxCertificate | None = None) -> InvoiceTax:
    return InvoiceTax(
        invoice_id=invoice.id,
        issued_on=invoice.issued_on,
        tax_usd=invoice.tax_usd,
        reason=reason,
        certificate_state=certificate.state if certificate else None,
        certificate_decided_on=certificate.decided_on if certificate else None,
    )
