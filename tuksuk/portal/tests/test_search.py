"""Thai word-aware search over published items (PyThaiNLP newmm at save and at query time)."""

import pytest
from django.urls import reverse

from tuksuk.portal import search

from .conftest import make_item, publish

pytestmark = pytest.mark.django_db


def test_words_are_cut_the_thai_way():
    assert search.words("โครงการน้ำสะอาดเพื่อชุมชน") == ["โครงการ", "น้ำสะอาด", "เพื่อ", "ชุมชน"]
    assert search.words("  ,. ") == []


def test_search_finds_whole_words_not_pieces_of_them(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        weaving = publish(
            make_item("5703", world.team, "กลุ่มทอผ้าบ้านหาดบ้าย", body="สร้างรายได้ให้ครัวเรือน"), world.team, world.chief
        )
        tak = publish(make_item("5703", world.team, "ตากปลาแห้งขายชุมชน"), world.team, world.chief)

    def found(q):  # type: ignore[no-untyped-def]
        body = client.get(reverse("portal:search"), {"q": q}).content.decode()
        return {item.title for item in (weaving, tak, world.published) if item.title in body}

    assert found("ทอผ้า") == {weaving.title}
    assert found("รายได้ ครัวเรือน") == {weaving.title}
    assert found("ตาก") == {tak.title}
    assert found("ตา") == set()  # not a word of either item
    assert found("น้ำ") == {world.published.title}  # begins น้ำสะอาด
    assert found("เชียงของ") == {weaving.title, tak.title, world.published.title}  # the district's name
    assert found("ร่างที่ยังไม่เสนอ") == set()  # drafts are never found
    api = client.get(reverse("portal-item-list"), {"q": "ทอผ้า"}).json()
    assert [row["id"] for row in api["results"]] == [weaving.pk]
