"""Privacy by construction: no household, person, house code, citizen ID, exact location or internal text is
reachable from any public page or API response, whatever the URL and its parameters."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORGED = [
    {},
    {"house_code": "57030101001"},
    {"household": "1"},
    {"id": "1"},
    {"pk": "1"},
    {"story": "1"},
    {"citizen_id": "1101700230708"},
    {"q": "นายทดสอบ"},
    {"q": "57030101001"},
    {"q": "1101700230708"},
    {"area": "57030101"},
    {"area": "570301"},
    {"district": "5703"},
    {"province": "57"},
    {"kind": "success"},
    {"format": "csv"},
    {"fields": "household,head_name"},
    {"expand": "source_story"},
    {"page": "2"},
    {"page_size": "500"},
    {"year": "2565"},
    {"lang": "en"},
]


def _public_urls(world):  # type: ignore[no-untyped-def]
    items = [world.published, world.rejected, world.unpublished, world.draft]
    urls = [
        reverse("portal:home"),
        reverse("portal:search"),
        reverse("portal:kiosk"),
        reverse("portal-figures"),
        reverse("portal-item-list"),
        reverse("portal-pilot-list"),
    ]
    for code in ("57", "90", "33"):
        urls.append(reverse("portal:province", kwargs={"code": code}))
    for code in ("5703", "9005", "3307"):
        urls.append(reverse("portal:district", kwargs={"code": code}))
    for item in items:
        urls += [reverse("portal:item", kwargs={"pk": item.pk}), reverse("portal-item-detail", kwargs={"pk": item.pk})]
    urls += [reverse("portal:item", kwargs={"pk": 999999}), reverse("portal-item-detail", kwargs={"pk": 999999})]
    return urls


def _body(response) -> str:  # type: ignore[no-untyped-def]
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    text = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # Also the unescaped form, in case a serializer escaped non-ASCII characters.
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return text


def test_no_personal_data_through_any_public_url_or_parameter(client, world):
    reached = 0
    for url in _public_urls(world):
        for params in FORGED:
            response = client.get(url, params)
            assert response.status_code in (200, 404), (url, params, response.status_code)
            body = _body(response)
            # What the visitor typed is echoed in the search box: that is not a leak.
            for secret in (s for s in world.secrets if not any(s in value for value in params.values())):
                assert secret not in body, (url, params, secret)
            for hidden in (world.rejected, world.unpublished, world.draft):
                assert hidden.title not in body, (url, params, hidden.title)
            reached += response.status_code == 200
    assert reached > 100


def test_items_that_are_not_published_answer_404_on_page_and_api(client, world):
    for item in (world.rejected, world.unpublished, world.draft):
        assert client.get(reverse("portal:item", kwargs={"pk": item.pk})).status_code == 404
        assert client.get(reverse("portal-item-detail", kwargs={"pk": item.pk})).status_code == 404
    assert client.get(reverse("portal:item", kwargs={"pk": world.published.pk})).status_code == 200


def test_public_item_json_has_only_the_publication_fields(client, world):
    data = client.get(reverse("portal-item-detail", kwargs={"pk": world.published.pk})).json()
    assert set(data) == {
        *("id", "kind", "title", "summary", "district", "district_name", "province", "published_at", "url", "body"),
        *("who", "what", "where", "when", "why", "how", "video_url", "video_embed", "category", "indicators"),
        *("sdg_goals", "images"),
    }
    assert all(set(image) == {"url", "phase", "caption"} for image in data["images"])
    assert len(data["images"]) == 2


@pytest.mark.parametrize(
    "token",
    ["../../../etc/passwd", "..%2F..%2Fsettings", "0" * 32, "g" * 32, "abc", "%00" * 8, "a" * 31 + "/"],
)
def test_image_names_cannot_be_forged(client, world, token):
    response = client.get(f"/p/images/{token}.jpg")
    assert response.status_code == 404


def test_originals_and_internal_tokens_are_never_public(client, world):
    image = world.published.images.first()
    # The internal token names the original: it is not a public image name.
    assert client.get(reverse("portal:image", kwargs={"token": image.token})).status_code == 404
    # Internal media of the story and the project stay behind login.
    assert client.get(reverse("cases:evidence-file", kwargs={"token": world.mine.evidence.token})).status_code == 302
    assert client.get(reverse("portal_admin:image-original", kwargs={"pk": image.pk})).status_code == 302


def test_images_of_an_unpublished_item_are_gone(client, world):
    from tuksuk.portal import services

    image = world.published.images.first()
    url = reverse("portal:image", kwargs={"token": image.public_token})
    assert client.get(url).status_code == 200
    services.unpublish(world.published, actor=world.chief)
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:item", kwargs={"pk": world.published.pk})).status_code == 404


def test_beacon_refuses_unknown_and_unpublished_targets(client, world):
    for target in (
        f"item:{world.draft.pk}",
        f"item:{world.rejected.pk}",
        "household:1",
        "page:village:57030101",
        "page:district:570301",
        "page:district:9999",
        "item:1 OR 1=1",
        "",
    ):
        response = client.post(
            reverse("portal:beacon"), {"target": target, "kind": "view"}, HTTP_USER_AGENT="Mozilla/5.0"
        )
        assert response.status_code == 400, target
