"""Badges' labels: a site names each badge key on its admin page, in the readers' languages.

One badge per line: `key = English | Español`, then any other language by its code,
`subscriber = Subscriber | Suscriptor | fr: Abonné | de: Abonnent | pt_BR: Assinante`
(`pt-BR` or `pt_BR`; `es:` and `en:` may be written out too). English is required, Spanish
is English when not given (as before other languages were), the others are stored only when
given. A reader sees the label in their language, else in the one it falls back on
(pt_PT → pt_BR), else in English; a key the site did not name shows as itself, capitalised.

Labels are keyed by the language's BCP 47 tag (`pt-BR`, as `<html lang>` and the widget's
`lang` say it), on the site's parsed labels, on each comment and in the public API.
"""

from __future__ import annotations

import json
import re

from widget.i18n import FALLBACK, SHIPPED, current_language, normalise
from widget.i18n import gettext as _

KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,29}")
LINE = re.compile(r"\s*([a-z0-9][a-z0-9_-]{0,29})\s*=(.*)")
# A part of a line that names its language (`fr: Abonné`, `pt-BR: Assinante`): two lower-case
# letters, maybe a region, then a colon (`VIP: Gold`, `IT: Staff` are labels).
CODED = re.compile(r"\s*([a-z]{2}(?:[-_][A-Za-z]{2})?)\s*:(.*)", re.S)
# Every comment's badge has these two (the public API has promised them since issue 23).
LANGUAGES = ("en", "es")
MAX_LABEL = 40


def tag(code: str) -> str:
    """A language of widget.i18n (`pt_BR`) as the labels are keyed (`pt-BR`)."""
    return code.replace("_", "-")


# The languages a label may be given in, in the order they are stored.
TAGS = tuple(tag(code) for code in SHIPPED)


def parse_labels(text: str) -> dict[str, dict[str, str]]:
    """The labels of `text`'s lines; ValueError names the first line that is not one."""
    labels: dict[str, dict[str, str]] = {}
    for number, line in enumerate((text or "").splitlines(), 1):
        if line.strip():
            key, given = _parse_line(number, line)
            given.setdefault("es", given["en"])
            labels[key] = {code: given[code] for code in TAGS if code in given}
    return labels


def _parse_line(number: int, line: str) -> tuple[str, dict[str, str]]:
    """A line's key and its labels by language tag, as given (Spanish not filled in)."""
    found = LINE.fullmatch(line)
    if not found:
        raise _malformed(number)
    key, rest = found.groups()
    parts = rest.split("|")
    if len(parts) > 2 and not any(CODED.fullmatch(part) for part in parts[1:]):
        parts = [parts[0], "|".join(parts[1:])]  # before codes, a Spanish label could hold a |
    given: dict[str, str] = {}
    for position, part in enumerate(parts):
        language = _code(part)
        if language:
            text = part.split(":", 1)[1].strip()
        elif position == 0:  # English, whatever it looks like (`IT: Staff`, `no: 1 fan`)
            language, text = "en", part.strip()
        elif position == 1 and "en" in given and not CODED.fullmatch(part):
            language, text = "es", part.strip()
        else:
            raise _unknown_code(number, part) if CODED.fullmatch(part) else _malformed(number)
        if language in given or not text:
            raise _malformed(number)
        if len(text) > MAX_LABEL:
            raise ValueError(
                _(
                    "Line {number}: “{label}” is longer than {n} characters.",
                    number=number,
                    label=text,
                    n=MAX_LABEL,
                )
            )
        given[language] = text
    if "en" not in given:
        raise _malformed(number)
    return key, given


def _code(part: str) -> str | None:
    """The tag of a part that names one of the readers' languages (`fr: Abonné`), else None:
    `VIP: Gold`, `IT: Staff` or `tv: Host` are labels (a code is lower case, and shipped)."""
    found = CODED.fullmatch(part)
    language = normalise(found.group(1)) if found else None
    return tag(language) if language in SHIPPED else None


def _unknown_code(number: int, part: str) -> ValueError:
    return ValueError(
        _(
            "Line {number}: “{code}” is not one of the readers' languages ({languages}).",
            number=number,
            code=part.split(":", 1)[0].strip(),
            languages=", ".join(TAGS),
        )
    )


def _malformed(number: int) -> ValueError:
    # TRANSLATORS: in backquotes, what the site types: keep English, then Spanish, and `fr:`.
    return ValueError(
        _(
            "Line {number}: write `key = English | Español`, then other languages by their "
            "code, such as `subscriber = Subscriber | Suscriptor | fr: Abonné`.",
            number=number,
        )
    )


def labelled(keys: tuple[str, ...], labels: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Each badge key with its label in each language the site gave (as stored on a comment)."""
    shown = []
    for key in keys:
        default = key.replace("-", " ").replace("_", " ").capitalize()
        shown.append({"key": key, **labels.get(key, dict.fromkeys(LANGUAGES, default))})
    return shown


def stored(keys: tuple[str, ...], labels: dict[str, dict[str, str]]) -> str:
    """A comment's `badges` column: "" for none, else the labelled list as JSON."""
    return json.dumps(labelled(keys, labels), ensure_ascii=False) if keys else ""


def shown(column: str) -> list[dict[str, str]]:
    """The badges stored on a comment, for the public."""
    return json.loads(column) if column else []


def label(badge: dict, language: str | None = None) -> str:
    """A badge's label in `language` (else the request's), else in the language it falls
    back on (pt_PT → pt_BR), else in English. embed.js picks it the same way."""
    code: str | None = normalise(language) or current_language()
    while code:
        if badge.get(tag(code)):
            return badge[tag(code)]
        code = FALLBACK.get(code)
    return badge.get("en") or badge.get("key", "")


def from_file(badges: object) -> str:
    """A comment's badges read from an export, rebuilt as posting stores them (a key, English,
    Spanish (English when absent) and any other language given, each label as long as a
    site's may be); ValueError for anything else."""
    if not badges:
        return ""
    if not isinstance(badges, list):
        raise ValueError(_("not a list of badges"))
    rebuilt = []
    for badge in badges:
        key = badge.get("key") if isinstance(badge, dict) else None
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise ValueError(_("a badge without a key such as `subscriber`"))
        # Anything else is refused, not dropped: the public API shows a badge as stored, and
        # an unknown name is most often a misspelt language (`pt_BR`, `fr-FR`) whose label
        # would otherwise vanish without a word.
        unknown = sorted(name for name in badge if name != "key" and name not in TAGS)
        if unknown:
            raise ValueError(
                # TRANSLATORS: {names} are the file's unknown names, as code; {languages} the
                # language tags a label may have, as code.
                _(
                    "the badge `{key}` has {names}: a badge has a `key` and labels named by "
                    "language ({languages})",
                    key=key,
                    names=", ".join(map(repr, unknown)),
                    languages=", ".join(TAGS),
                )
            )
        labels = {**badge, "es": badge.get("es", badge.get("en"))}
        labels = {code: labels[code] for code in TAGS if code in labels}
        if "en" not in badge or not all(
            isinstance(text, str) and 0 < len(text.strip()) <= MAX_LABEL for text in labels.values()
        ):
            raise ValueError(
                _(
                    "the badge `{key}` lacks an English label, or has a label longer than "
                    "{n} characters",
                    key=key,
                    n=MAX_LABEL,
                )
            )
        rebuilt.append({"key": key, **{code: text.strip() for code, text in labels.items()}})
    return json.dumps(rebuilt, ensure_ascii=False)
