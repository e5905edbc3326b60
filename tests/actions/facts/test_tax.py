from datetime import date, timedelta
from decimal import Decimal

from actions.facts.tax import TaxReason, invoice_tax, tax_status
from actions.models import Address, CertificateStatus, Invoice, TaxCertificate
from tests.actions.facts.records import TODAY, facts, workspace

ISSUED = date(2025, 2, 1)


def invoice(tax: str = "8.25", issued_on: date = ISSUED, id: str = "inv-1") -> Invoice:
    return Invoice(id=id, workspace_id="ws-1", issued_on=issued_on, subtotal_usd=Decimal("100"),
                   tax_usd=Decimal(tax), total_usd=Decimal("100") + Decimal(tax))


def certificate(status: CertificateStatus, submitted_on: date = ISSUED - timedelta(days=10),
                decided_on: date | None = None, state: str = "CA", id: str = "cert-1") -> TaxCertificate:
    return TaxCertificate(id=id, workspace_id="ws-1", state=state, status=status,
                          submitted_on=submitted_on, decided_on=decided_on)


def reason(*certificates: TaxCertificate, bill: Invoice | None = None, **fields) -> TaxReason:
    return invoice_tax(bill or invoice(), facts(certificates=certificates, **fields)).reason


def test_an_invoice_without_tax_needs_no_reason():
    assert reason(bill=invoice(tax="0")) is TaxReason.NO_TAX


def test_outside_the_us_the_tax_is_vat_or_gst():
    abroad = workspace(business_address=Address(country="DE"), billing_address=Address(country="DE"))
    assert reason(workspace=abroad) is TaxReason.VAT_GST


def test_no_certificate_on_file_when_the_invoice_was_issued():
    assert reason() is TaxReason.NO_CERTIFICATE
    late = certificate(CertificateStatus.APPROVED, submitted_on=ISSUED + timedelta(days=1),
                       decided_on=ISSUED + timedelta(days=2))
    assert reason(late) is TaxReason.NO_CERTIFICATE


def test_a_certificate_still_in_review():
    assert reason(certificate(CertificateStatus.IN_REVIEW)) is TaxReason.CERTIFICATE_IN_REVIEW
    submitted_that_day = certificate(CertificateStatus.IN_REVIEW, submitted_on=ISSUED)
    assert reason(submitted_that_day) is TaxReason.CERTIFICATE_IN_REVIEW


def test_approved_the_day_after_or_the_same_day_as_the_invoice_was_in_review_at_issue():
    day_after = certificate(CertificateStatus.APPROVED, decided_on=ISSUED + timedelta(days=1))
    assert reason(day_after) is TaxReason.CERTIFICATE_IN_REVIEW
    same_day = certificate(CertificateStatus.APPROVED, decided_on=ISSUED)
    explained = invoice_tax(invoice(), facts(certificates=(same_day,)))
    assert explained.reason is TaxReason.CERTIFICATE_IN_REVIEW
    assert explained.certificate_decided_on == ISSUED


def test_approved_the_day_before_leaves_the_tax_unexplained():
    day_before = certificate(CertificateStatus.APPROVED, decided_on=ISSUED - timedelta(days=1))
    assert reason(day_before) is TaxReason.UNEXPLAINED


def test_a_certificate_for_another_state_than_the_billing_address():
    other = certificate(CertificateStatus.APPROVED, decided_on=ISSUED - timedelta(days=5), state="NY")
    explained = invoice_tax(invoice(), facts(certificates=(other,)))
    assert explained.reason is TaxReason.CERTIFICATE_OTHER_STATE
    assert explained.certificate_state == "NY"


def test_the_billing_state_certificate_comes_before_one_for_another_state():
    other = certificate(CertificateStatus.APPROVED, decided_on=ISSUED - timedelta(days=5), state="NY", id="ny")
    pending = certificate(CertificateStatus.IN_REVIEW, state="CA", id="ca")
    assert reason(other, pending) is TaxReason.CERTIFICATE_IN_REVIEW


def test_a_rejected_certificate():
    rejected = certificate(CertificateStatus.REJECTED, decided_on=ISSUED - timedelta(days=1))
    assert reason(rejected) is TaxReason.CERTIFICATE_REJECTED
    rejected_after = certificate(CertificateStatus.REJECTED, decided_on=ISSUED + timedelta(days=1))
    assert reason(rejected_after) is TaxReason.CERTIFICATE_IN_REVIEW


def test_the_status_lists_invoices_newest_first_and_the_exemption_in_force():
    approved = certificate(CertificateStatus.APPROVED, decided_on=ISSUED + timedelta(days=3), id="ca")
    pending = certificate(CertificateStatus.IN_REVIEW, state="NV", id="nv")
    later = invoice(tax="0", issued_on=ISSUED + timedelta(days=28), id="inv-2")
    status = tax_status(facts(certificates=(approved, pending), invoices=(invoice(), later)), TODAY)
    assert [i.invoice_id for i in status.invoices] == ["inv-2", "inv-1"]
    assert [i.reason for i in status.invoices] == [TaxReason.NO_TAX, TaxReason.CERTIFICATE_IN_REVIEW]
    assert status.exempt_since == ISSUED + timedelta(days=3)
    assert status.states_in_review == ("NV",)
    assert status.billing_state == "CA" and status.business_country == "US"


def test_no_exemption_before_its_approval_or_for_another_state():
    future = certificate(CertificateStatus.APPROVED, decided_on=TODAY + timedelta(days=1))
    assert tax_status(facts(certificates=(future,)), TODAY).exempt_since is None
    other = certificate(CertificateStatus.APPROVED, decided_on=ISSUED, state="NY")
    assert tax_status(facts(certificates=(other,)), TODAY).exempt_since is None
