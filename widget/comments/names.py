"""Names a guest may not take: the site's staff label and its moderators' display names.

Compared by their skeleton: Unicode compatibility forms (fullwidth, styled letters)
unfolded, accents dropped, case folded, look-alike letters of other scripts and digits
mapped to the Latin letter they pass for, spacing and punctuation ignored (after Unicode's
confusable skeletons, UTS #39, for the scripts our readers meet). A staff reply is
recognised by its badge; a guest named like it must not look like one.
"""

from __future__ import annotations

import unicodedata

from widget.core.refusals import Refused
from widget.i18n import _, every_language
from widget.sites.registry import SiteInfo, registry

# Letters of other scripts (after case folding) that pass for a Latin one.
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "г": "r",
        "е": "e",
        "ё": "e",
        "з": "3",
        "и": "u",
        "й": "u",
        "к": "k",
        "л": "n",
        "м": "m",
        "н": "h",
        "о": "o",
        "п": "n",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "ь": "b",
        "ѕ": "s",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "һ": "h",
        "ӏ": "l",
        "ɡ": "g",
        # Greek
        "α": "a",
        "β": "b",
        "γ": "y",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "σ": "o",
        "ς": "c",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        "ζ": "z",
        "μ": "u",
        # Latin letters that do not decompose, and digits and signs used as letters
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ŧ": "t",
        "ƀ": "b",
        "ß": "ss",
        "0": "o",
        "1": "l",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "$": "s",
        "@": "a",
        "|": "l",
        "!": "l",
    }
)
# Pairs that pass for one letter, then the letters people cannot tell apart.
DIGRAPHS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def skeleton(name: str) -> str:
    """What a name looks like, for comparing: `Ｍárta  Edit0ra` and `marta editora` agree."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().translate(LOOKALIKES)
    text = "".join(char for char in text if char.isalnum())
    for pair, letter in DIGRAPHS:
        text = text.replace(pair, letter)
    return text.replace("i", "l")  # I, l, 1 and | are one stroke in many fonts


def reserved_names(site: SiteInfo) -> set[str]:
    """Skeletons of the staff's names on this site (the default labels when it has none)."""
    labels = [site.staff_label] if site.staff_label else every_language("Staff")
    names = labels + list(registry().moderator_names)  # kept in memory: no query per post
    return {skeleton(name) for name in names if skeleton(name)}


def check_guest_name(site: SiteInfo, name: str, language: str) -> None:
    """Refuse (400 name_reserved) a guest name that passes for the staff's."""
    if skeleton(name) in reserved_names(site):
        message = _("This name belongs to the site's staff; please choose another.")
        raise Refused("name_reserved", message, {"name": [message]})
