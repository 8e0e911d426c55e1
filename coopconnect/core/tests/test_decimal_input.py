"""Decimal fields of the pages take what a French person types: "12,50", "12.50", "1 234,50"."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from coopconnect.core.forms import (
    DecimalInput,
    LocalDecimalField,
    LocalFloatField,
    LocalIntegerField,
    normalize_number,
)


class AmountForm(forms.Form):
    amount = LocalDecimalField(
        label="Montant (€)", min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    speed = LocalFloatField(label="Débit (Mb/s)", min_value=0, required=False)


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12,50", Decimal("12.50")),
        ("12.50", Decimal("12.50")),
        ("12", Decimal("12")),
        (" 12,5 ", Decimal("12.5")),
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234,50", Decimal("1234.50")),  # no-break space (Django's French grouping)
        ("1\u202f234,50", Decimal("1234.50")),  # narrow no-break space (what a browser's fr-FR writes)
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("12,50 €", Decimal("12.50")),
        ("12,50€", Decimal("12.50")),
    ],
)
def test_french_and_dotted_amounts_give_the_exact_decimal(typed, expected):
    form = AmountForm({"amount": typed, "speed": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == expected
    assert isinstance(form.cleaned_data["amount"], Decimal)
    assert form.cleaned_data["speed"] == float(expected)


@pytest.mark.parametrize("typed", ["douze", "12,50,3", "1.2.3", "12 ,5x", "NaN", "Infinity"])
def test_text_that_is_not_a_number_is_a_french_error(typed):
    form = AmountForm({"amount": typed, "speed": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Saisissez un nombre."]
    assert form.errors["speed"] == ["Saisissez un nombre."]


def test_min_digits_and_required_rules_still_apply_in_french():
    assert AmountForm({"amount": "0"}).errors["amount"] == [
        "Assurez-vous que cette valeur est supérieure ou égale à 0.01."
    ]
    # 1,234 € is one euro and 234 thousandths: too many decimals for money, not 1 234 €.
    assert AmountForm({"amount": "1,234"}).errors["amount"] == [
        "Assurez-vous qu’il n’y a pas plus de 2 chiffres après la virgule."
    ]
    assert AmountForm({"amount": ""}).errors["amount"] == ["Ce champ est obligatoire."]
    assert AmountForm({"amount": "1", "speed": "-0,5"}).errors["speed"] == [
        "Assurez-vous que cette valeur est supérieure ou égale à 0."
    ]


def test_the_input_is_text_with_a_decimal_keypad_and_no_browser_parsing():
    html = str(AmountForm()["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'autocomplete="off"' in html
    assert 'type="number"' not in html and "step=" not in html
    assert isinstance(AmountForm().fields["amount"].widget, DecimalInput)


def test_values_are_shown_in_french_format():
    shown = AmountForm(initial={"amount": Decimal("12.50"), "speed": 8.5})
    assert 'value="12,50"' in str(shown["amount"]) and 'value="8,5"' in str(shown["speed"])
    # A re-shown form (another field in error) puts a valid number back the French way...
    again = AmountForm({"amount": "12.50", "speed": "huit"})
    assert not again.is_valid()
    assert 'value="12,50"' in str(again["amount"])
    # ...and leaves what cannot be read as typed, so the person sees their mistake.
    assert 'value="huit"' in str(again["speed"])


def test_english_pages_show_a_dot_and_still_read_a_comma():
    with translation.override("en"):
        assert 'value="12.50"' in str(AmountForm(initial={"amount": Decimal("12.50")})["amount"])
        form = AmountForm({"amount": "12,50"})
        assert form.is_valid() and form.cleaned_data["amount"] == Decimal("12.50")


def test_normalize_number_leaves_garbage_for_the_field_to_refuse():
    assert normalize_number("1 234,50") == "1234.50"
    assert normalize_number("−3,5") == "-3.5"  # U+2212 minus sign
    assert normalize_number("a,b,c") == "a,b,c"


def test_an_amount_with_grouped_thousands_and_a_decimal_comma_is_accepted():
    form = AmountForm({"amount": "5 000,50", "speed": "5\u202f000,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("5000.50")
    assert form.cleaned_data["speed"] == 5000.5


class CountForm(forms.Form):
    population = LocalIntegerField(label="Population minimale", min_value=0)


@pytest.mark.parametrize(
    ("typed", "expected"), [("20 000", 20000), ("20\u202f000", 20000), ("20\u00a0000", 20000), ("5000", 5000)]
)
def test_whole_numbers_take_grouped_thousands(typed, expected):
    form = CountForm({"population": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["population"] == expected


@pytest.mark.parametrize("typed", ["5 000,50", "vingt", "1.2.3"])
def test_a_whole_number_field_refuses_the_rest_in_french(typed):
    assert CountForm({"population": typed}).errors["population"] == ["Saisissez un nombre entier."]


def test_a_whole_number_field_has_the_digits_keypad_and_no_browser_parsing():
    html = str(CountForm()["population"])
    assert 'inputmode="numeric"' in html and 'type="text"' in html
