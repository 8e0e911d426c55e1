"""The events app keeps its own English catalogue: every string translated, none fuzzy, placeholders kept."""

import re
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "locale/en/LC_MESSAGES/django.po"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)s", text))


def test_events_catalogue_is_complete_and_keeps_placeholders():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    broken = [
        e.msgid
        for e in po
        for text in ([e.msgstr] if not e.msgid_plural else list(e.msgstr_plural.values()))
        if _placeholders(text) != _placeholders(e.msgid)
    ]
    assert broken == []
