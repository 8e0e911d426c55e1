"""Every model has a real plural in the admin, in French and English ("lieux", not "Lieus")."""

import re

import pytest
from django.apps import apps
from django.utils import translation

# Plurals a bare "+s" gets wrong: -eau/-eu/-au take an x, a word already ending in s, x or z stays,
# "ligne de facture" becomes "lignes de facture" (an invariable head such as "flux" may take the
# plural on its complement); English -y and -s words.
WRONG_FR = re.compile(r"(eau|eu|au)s$|[sxz]s$|^\w*[^\Wsx] (de|d'|à|en) .*[^s]s$")
WRONG_EN = re.compile(r"(?<![aeiou])ys$|ss$|entrys$|to a \w+s$")
# Apps whose models are exempt (none: every app names its models in both languages).
OTHER_OWNER: set[str] = set()


def _models():
    return [
        pytest.param(m, id=f"{m._meta.app_label}.{m.__name__}")
        for m in apps.get_models()
        if m.__module__.startswith("coopconnect.") and m._meta.app_label not in OTHER_OWNER
    ]


@pytest.mark.parametrize("model", _models())
def test_model_has_a_french_and_english_plural(model):
    meta = model._meta
    with translation.override("fr"):
        singular, plural = str(meta.verbose_name), str(meta.verbose_name_plural)
        assert not re.search(r"[A-Z][a-z]+[A-Z]| key$| lock$| counter$| quota$", singular), (
            f"{model.__name__}: no French name ({singular!r})"
        )
        if plural == singular + "s":
            assert not WRONG_FR.search(plural), f"{model.__name__}: French plural {plural!r}"
    with translation.override("en"):
        singular_en, plural_en = str(meta.verbose_name), str(meta.verbose_name_plural)
        if plural_en != singular_en:
            assert not WRONG_EN.search(plural_en), f"{model.__name__}: English plural {plural_en!r}"


def test_the_check_catches_a_plural_made_by_adding_s():
    assert (
        WRONG_FR.search("lieus") and WRONG_FR.search("réseaus") and WRONG_FR.search("profil de compétencess")
    )
    assert WRONG_FR.search("ligne de factures") and not WRONG_FR.search("flux de calendriers")
    assert not WRONG_FR.search("réservations") and not WRONG_FR.search("lignes de facture")
    assert WRONG_EN.search("booking ruless") and WRONG_EN.search("waitlist entrys")
    assert WRONG_EN.search("answer to a questions") and not WRONG_EN.search("surveys")
