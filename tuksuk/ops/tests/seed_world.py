"""Run in a subprocess by the ops tests: migrate the database DATABASE_URL points at and fill it with a small world.

``python -m tuksuk.ops.tests.seed_world`` (DJANGO_SETTINGS_MODULE=tuksuk.settings.test, TUKSUK_VAR_DIR, DATABASE_URL
set by the test): the reference areas, two districts from ``build_place`` (households with encrypted citizen IDs,
stories, actions, photos, projects, audit rows), the import user ``importer`` (district team of เชียงของ 5703) and
some media files of our own: a Thai name, a nested folder, one file larger than the copy buffer.
"""

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    from tuksuk.agencies.reference import load_agencies
    from tuksuk.areas.reference import load_areas, load_pilots
    from tuksuk.core.testing import make_user
    from tuksuk.core.testing_world import build_place
    from tuksuk.indicators.reference import load_indicators

    load_areas()
    load_pilots()
    load_indicators()
    load_agencies()
    build_place("5703", "570301")
    build_place("9005", "900501")
    make_user("district_team", "5703", username="importer")
    media = settings.MEDIA_ROOT
    (media / "documents" / "รายงาน").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "รายงาน" / "สรุปผล ๒๕๖๕.txt").write_text("สรุปผลการดำเนินงาน\n", encoding="utf-8")
    (media / "documents" / "large.bin").write_bytes(bytes(range(256)) * 12_000)  # about 3 MB, several chunks


if __name__ == "__main__":
    main()
