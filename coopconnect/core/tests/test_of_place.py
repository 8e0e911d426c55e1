"""A place name after "de" is written as French does, and alone in English."""

import pytest
from django.template import Context, Template
from django.utils import translation

from coopconnect.core.formatting import of_place


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pertuis", "de Pertuis"),
        ("Auch", "d’Auch"),
        ("Éguilles", "d’Éguilles"),
        ("Hyères", "d’Hyères"),
        ("Le Pontet", "du Pontet"),
        ("Les Mées", "des Mées"),
        ("La Motte-d'Aigues", "de La Motte-d'Aigues"),
        ("43.69, 5.50", "de 43.69, 5.50"),
    ],
)
def test_french_elides_and_contracts(name, expected):
    assert of_place(name, lang="fr") == expected


def test_english_keeps_the_name_alone():
    assert of_place("Auch", lang="en") == "Auch"


def test_the_template_filter_follows_the_active_language():
    template = Template("{% load formatting %}près {{ town|of_place }}")
    with translation.override("fr"):
        assert template.render(Context({"town": "Auch"})) == "près d’Auch"
    with translation.override("en"):
        assert template.render(Context({"town": "Auch"})) == "près Auch"
