"""Plain-language French/English lines for a normalized ``opening_hours`` expression.

The language is a parameter (not the active locale) so the same place can be shown in both; rules the
reader does not cover (week numbers, years, nth weekday, easter...) make the whole text fall back to the
raw expression rather than say something wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

WORDS = {
    "fr": {
        "days": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "months": [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "PH": "jours fériés",
        "SH": "vacances scolaires",
        "PH_closed": "les jours fériés",
        "SH_closed": "pendant les vacances scolaires",
        "day_closed": "le {day}",
        "range_closed": "du {a} au {b}",
        "range": "{a} au {b}",
        "month_range": "de {a} à {b}",
        "month_single": "en {a}",
        "date": "le {d} {m}",
        "and": " et ",
        "every_day": "Tous les jours",
        "always": "Ouvert 24 h/24, 7 j/7",
        "all_day": "toute la journée",
        "closed": "Fermé",
        "unknown": "horaires non communiqués",
        "from": "à partir de {t}",
        "otherwise": "Sinon : ",
        "raw": "Horaires (syntaxe OpenStreetMap) : {raw}",
        "sep": " : ",
        "dash": " – ",
    },
    "en": {
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "PH": "public holidays",
        "SH": "school holidays",
        "PH_closed": "on public holidays",
        "SH_closed": "during school holidays",
        "day_closed": "on {day}",
        "range_closed": "from {a} to {b}",
        "range": "{a} to {b}",
        "month_range": "from {a} to {b}",
        "month_single": "in {a}",
        "date": "on {m} {d}",
        "and": " and ",
        "every_day": "Every day",
        "always": "Open 24/7",
        "all_day": "all day",
        "closed": "Closed",
        "unknown": "hours not given",
        "from": "from {t}",
        "otherwise": "Otherwise: ",
        "raw": "Opening hours (OpenStreetMap syntax): {raw}",
        "sep": ": ",
        "dash": "–",
    },
}

_TOKEN_RE = re.compile(r'"[^"]*"|\S+')
_DAY_ITEM = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?|PH|SH"
_DAYS_RE = re.compile(rf"^(?:{_DAY_ITEM})(?:,(?:{_DAY_ITEM}))*$")
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_MONTH_ITEM = rf"{_MONTH}(?:-{_MONTH})?"
_MONTHS_RE = re.compile(rf"^{_MONTH_ITEM}(?:,{_MONTH_ITEM})*$")
_TIME = r"\d{2}:\d{2}"
_TIMES_RE = re.compile(rf"^{_TIME}(?:-{_TIME}|\+)(?:,{_TIME}(?:-{_TIME}|\+))*$")
_MODIFIERS = {"off": "closed", "closed": "closed", "open": "open", "unknown": "unknown"}


class Unsupported(Exception):
    """The rule uses syntax this reader does not put into words."""


@dataclass
class Rule:
    months: list[str] = field(default_factory=list)
    date: tuple[str, int] | None = None
    days: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    always: bool = False
    state: str = "open"
    comment: str = ""
    fallback: bool = False


def _parse_rule(text: str) -> Rule:
    rule = Rule()
    tokens = _TOKEN_RE.findall(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "24/7":
            rule.always = True
        elif tok.startswith('"'):
            rule.comment = tok.strip('"')
        elif tok in _MODIFIERS:
            rule.state = _MODIFIERS[tok]
        elif tok in MONTHS and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            rule.date = (tok, int(tokens[i + 1]))
            i += 1
        elif _MONTHS_RE.match(tok):
            rule.months = tok.split(",")
        elif _DAYS_RE.match(tok):
            rule.days = tok.split(",")
        elif _TIMES_RE.match(tok):
            rule.times = tok.split(",")
        else:
            raise Unsupported(tok)
        i += 1
    return rule


def _time_text(hhmm: str, lang: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} h {minutes}" if lang == "fr" else f"{int(hours)}:{minutes}"


def _times_text(times: list[str], w: dict, lang: str) -> str:
    parts = []
    for span in times:
        if span.endswith("+"):
            parts.append(w["from"].format(t=_time_text(span[:-1], lang)))
        else:
            a, b = span.split("-")
            parts.append(f"{_time_text(a, lang)}{w['dash']}{_time_text(b, lang)}")
    return ", ".join(parts)


def _join(items: list[str], w: dict) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + w["and"] + items[-1]


def _day_items(days: list[str], w: dict, closed: bool) -> list[str]:
    items: list[str] = []
    names = w["days"]
    for item in days:
        if item in ("PH", "SH"):
            items.append(w[f"{item}_closed"] if closed else w[item])
            continue
        a, _, b = item.partition("-")
        ia, ib = DAYS.index(a), DAYS.index(b or a)
        span = (ib - ia) % 7
        if span == 6:
            items.append(w["every_day"].lower())
        elif span >= 2:
            template = w["range_closed"] if closed else w["range"]
            items.append(template.format(a=names[ia], b=names[ib]))
        else:
            for k in range(span + 1):
                name = names[(ia + k) % 7]
                items.append(w["day_closed"].format(day=name) if closed else name)
    return items


def _months_text(rule: Rule, w: dict) -> str:
    names = w["months"]
    if rule.date:
        month, day = rule.date
        return w["date"].format(d=day, m=names[MONTHS.index(month)])
    parts = []
    for item in rule.months:
        a, _, b = item.partition("-")
        if b:
            parts.append(w["month_range"].format(a=names[MONTHS.index(a)], b=names[MONTHS.index(b)]))
        else:
            parts.append(w["month_single"].format(a=names[MONTHS.index(a)]))
    return _join(parts, w)


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rule_line(rule: Rule, w: dict, lang: str) -> str:
    when = _months_text(rule, w)
    closed = rule.state == "closed"
    days = _join(_day_items(rule.days, w, closed), w)
    if closed:
        scope = " ".join(x for x in (when, days) if x)
        line = f"{w['closed']} {scope}".strip()
    else:
        scope = ", ".join(x for x in (when, days) if x)
        if not rule.times and rule.state == "open":
            line = f"{_capitalize(scope)}{w['sep']}{w['all_day']}" if scope else w["always"]
        else:
            what = w["unknown"] if rule.state == "unknown" else _times_text(rule.times, w, lang)
            line = f"{_capitalize(scope or w['every_day'])}{w['sep']}{what}"
    if rule.comment:
        line += f" ({rule.comment})"
    return line


def describe_expression(normalized: str, *, raw: str, lang: str = "fr") -> list[str]:
    """Describe a normalized expression; fall back to the raw text when a rule is not covered."""
    w = WORDS["en" if (lang or "fr").lower().startswith("en") else "fr"]
    lines: list[str] = []
    try:
        for n, block in enumerate(normalized.split("||")):
            prefix = w["otherwise"] if n else ""
            for part in block.split(";"):
                if not part.strip():
                    continue
                line = _rule_line(_parse_rule(part.strip()), w, lang)
                lines.append(prefix + (line[:1].lower() + line[1:] if prefix else line))
    except (Unsupported, ValueError):
        return [w["raw"].format(raw=raw)]
    return lines
