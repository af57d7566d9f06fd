"""Helpers of this app's tests: sessions with answers, knowledge items, files of every accepted kind."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tuksuk.programme.learning import services
from tuksuk.programme.learning.demo import _tiny_pdf

HELD_ON = dt.date(2022, 11, 10)


def record(questionnaire, district: str, actor, *, held_on=HELD_ON, **extra):  # type: ignore[no-untyped-def]
    return services.record_session(
        actor=actor,
        questionnaire=questionnaire,
        district_code=district,
        held_on=held_on,
        place=extra.get("place", f"ที่ว่าการอำเภอ {district}"),
        facilitator="พัฒนาการจังหวัด",
    )


def answer(session, actor, by_number: dict[int, tuple[str, int | None]]):  # type: ignore[no-untyped-def]
    questions = {q.number: q.pk for q in session.questionnaire.questions.all()}
    data = {questions[n]: services.AnswerData(text, rating) for n, (text, rating) in by_number.items()}
    return services.save_answers(session, data, actor=actor)


def item(actor, title: str, *, area: str | None, body: str = "", kind: str = "brief", **extra):  # type: ignore[no-untyped-def]
    return services.contribute_item(actor=actor, kind=kind, title=title, area_code=area, year=2565, body=body, **extra)


def pdf(name: str = "guide.pdf") -> SimpleUploadedFile:
    upload = _tiny_pdf("guide")
    upload.name = name
    return upload


def office(kind: str = "word/", name: str = "report.docx", *, macro: bool = False) -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{kind}document.xml", "<document/>")
        if macro:
            archive.writestr(f"{kind}vbaProject.bin", b"\x00macro")
    return SimpleUploadedFile(name, out.getvalue())


def mp4(name: str = "clip.mp4", size: int = 2048) -> SimpleUploadedFile:
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    return SimpleUploadedFile(name, head + b"\x00" * (size - len(head)))
