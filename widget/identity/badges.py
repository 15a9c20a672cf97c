"""Badges' labels: a site names each badge key in English and Spanish on its admin page.

One badge per line, `key = English | Español` (`subscriber = Subscriber | Suscriptor`);
a key the site did not name shows as itself, capitalised.
"""

from __future__ import annotations

import json
import re

LINE = re.compile(r"\s*([a-z0-9][a-z0-9_-]{0,29})\s*=\s*([^|]{1,40}?)\s*(?:\|\s*(.{1,40}?)\s*)?$")
LANGUAGES = ("en", "es")
KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,29}")


def parse_labels(text: str) -> dict[str, dict[str, str]]:
    """The labels of `text`'s lines; ValueError names the first line that is not one."""
    labels: dict[str, dict[str, str]] = {}
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        found = LINE.fullmatch(line)
        if not found:
            raise ValueError(
                f"Line {number}: write `key = English | Español`, such as "
                "`subscriber = Subscriber | Suscriptor`."
            )
        key, english, spanish = found.groups()
        labels[key] = {"en": english, "es": spanish or english}
    return labels


def labelled(keys: tuple[str, ...], labels: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Each badge key with its label in each language (as stored on a comment)."""
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


def from_file(badges: object) -> str:
    """A comment's badges read from an export, rebuilt as posting stores them (a key and a
    label per language, as long as a site's labels may be); ValueError for anything else."""
    if not badges:
        return ""
    if not isinstance(badges, list):
        raise ValueError("not a list of badges")
    rebuilt = []
    for badge in badges:
        key = badge.get("key") if isinstance(badge, dict) else None
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise ValueError("a badge without a key such as `subscriber`")
        labels = {language: badge.get(language) for language in LANGUAGES}
        if not all(isinstance(t, str) and 0 < len(t.strip()) <= 40 for t in labels.values()):
            raise ValueError(f"the badge `{key}` lacks a label of at most 40 characters")
        rebuilt.append({"key": key, **labels})
    return json.dumps(rebuilt, ensure_ascii=False)
