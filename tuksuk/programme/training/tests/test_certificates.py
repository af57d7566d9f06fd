"""Issuing certificates to those who earned one, the Thai PDF, and the public verification page."""

import shutil
import subprocess
import unicodedata

import pytest
from django.urls import reverse

from tuksuk.core.testing import make_user
from tuksuk.programme.training import services
from tuksuk.programme.training.models import Certificate

from .helpers import course_with_people

pytestmark = pytest.mark.django_db


# HarfBuzz splits SARA AM and regroups the marks above and below a consonant; the PDF's text layer then gives them
# back out of order or drops them (the page itself looks right: see tuksuk/projects/tests/test_pdf.py). Compare
# the text with every combining mark folded away.
def folded(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("ำ", "า")
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Mn").split())


def _attend(person, session, organiser, n):
    for slot in list(session.slots.order_by("day", "part"))[:n]:
        services.record_attendance(person, slot, actor=organiser, method="list")


@pytest.fixture
def issued():
    """Three participants over 5 held slots: 4/5 (80 %, passes), 3/5 (fails), 3/5 with an accepted reason."""
    course, session, people, organiser = course_with_people(districts=("5703", "5701", "5702"), days=2)
    passing, failing, excused = people
    slots = list(session.slots.order_by("day", "part"))
    services.set_slot_status(slots[5], "cancelled", actor=organiser)
    for slot in slots[:5]:
        services.set_slot_status(slot, "held", actor=organiser)
    _attend(passing, session, organiser, 4)
    _attend(failing, session, organiser, 3)
    _attend(excused, session, organiser, 3)
    reason = services.submit_reason(excused, actor=make_user("district_team", "5702"), text="ประชุมด่วนของอำเภอ")
    services.decide_reason(reason, actor=organiser, accept=True, note="มีหนังสือสั่งการ")
    certificates = services.issue_certificates(course, actor=organiser)
    return course, people, organiser, certificates


def test_certificates_go_to_those_who_earned_one_once(issued):
    course, (passing, _failing, excused), organiser, certificates = issued
    assert {c.participant for c in certificates} == {passing, excused}
    assert Certificate.objects.get(participant=passing).attendance_percent == 80
    assert services.issue_certificates(course, actor=organiser) == []  # nobody twice
    assert course.events.filter(kind="certificate_issued").count() == 2


def test_only_organisers_issue(issued, client_for):
    course, *_ = issued
    response = client_for(make_user("district_chief", "5703")).post(
        reverse("training:certificates-issue", kwargs={"pk": course.pk})
    )
    assert response.status_code == 403


def test_the_pdf_prints_thai(issued, client_for, tmp_path):
    _course, (passing, *_rest), organiser, _certificates = issued
    certificate = Certificate.objects.get(participant=passing)
    response = client_for(organiser).get(reverse("training:certificate-pdf", kwargs={"pk": certificate.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    for expected in ("วุฒิบัตร", "ให้ไว้เพื่อแสดงว่า", passing.full_name, "หลักสูตรทดสอบ 57", certificate.code):
        assert folded(expected) in folded(text.stdout)


def test_verification_shows_only_name_course_and_date(issued, client):
    _course, (passing, *_rest), _organiser, _certificates = issued
    certificate = Certificate.objects.get(participant=passing)
    code = certificate.code.lower().replace("-", " ")  # as someone might type it
    response = client.get(reverse("training:verify"), {"code": code})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="certificate-valid"' in body
    assert passing.full_name in body
    assert "หลักสูตรทดสอบ 57" in body
    for private in (passing.phone, passing.code, "เชียงของ", "80.00"):
        assert private not in body


@pytest.mark.parametrize("code", ["ABCDE-FGHJK", "'; drop table", "x" * 500])
def test_an_invalid_code_gets_a_clear_message(issued, client, code):
    response = client.get(reverse("training:verify"), {"code": code})
    assert response.status_code == 200
    assert "ไม่พบเกียรติบัตรที่มีรหัสนี้" in response.content.decode()


def test_the_verification_page_without_a_code_is_a_plain_form(client):
    body = client.get(reverse("training:verify")).content.decode()
    assert "รหัสตรวจสอบ" in body
    assert "ไม่พบเกียรติบัตร" not in body
