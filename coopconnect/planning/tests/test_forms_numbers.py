"""The territory tool's forms take numbers as an elected official types them: "5 000", "5 000"."""

import pytest

from coopconnect.planning.forms import CriteriaForm, SitingForm

pytestmark = pytest.mark.django_db  # the site and territory fields resolve communes


@pytest.mark.parametrize("typed", ["5 000", "5\u202f000", "5\u00a0000", "5000"])
def test_populations_typed_with_spaces(typed):
    form = CriteriaForm({"site": "84089", "min_commune_population": typed})
    form.is_valid()
    assert "min_commune_population" not in form.errors
    assert form.cleaned_data["min_commune_population"] == 5000


def test_the_inputs_are_text_with_a_digits_keypad():
    html = str(SitingForm()["min_population"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html and 'type="number"' not in html


def test_not_a_number_is_refused_in_french():
    form = SitingForm({"territory": "dep:84", "k": "cinq"})
    assert not form.is_valid()
    assert form.errors["k"] == ["Saisissez un nombre entier."]
