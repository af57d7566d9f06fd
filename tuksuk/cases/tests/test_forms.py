from django.utils import timezone, translation

from tuksuk.cases.forms import ActionForm


def test_action_date_is_prefilled_in_the_format_a_date_input_accepts():
    # A type=date input shows nothing unless its value is YYYY-MM-DD, whatever the UI language.
    for language in ("th", "en"):
        with translation.override(language):
            html = str(ActionForm()["done_on"])
        assert f'value="{timezone.localdate():%Y-%m-%d}"' in html
