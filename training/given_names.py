"""Write `cleaner/data/given_names.txt`: the given names the metadata search knows.

Usage:
    python -m pip install '.[train]'     # Faker is in the `train` extra
    python training/given_names.py [--out cleaner/data/given_names.txt]

Why. A line of two or three capitalised words after a story is as often a heading
(`Weiterführende Informationen`, `Send Message`, `Deutscher Jagdverband`) as a writer's
signature (`Heinz Steiner`). Where nothing but the shape of the line says it is a byline,
the metadata search takes it only when it opens with a given name (`metadata.opens_with_given_name`).

Source. Faker's person providers (MIT licence, well kept, one list of first names per
locale, 80 locales): every first name of every locale whose script has capital letters
(the name test reads capitals; a name in a caseless script never looks like a name there),
but of the `en` long tail only the names that are no common word (see `LONG_TAIL_LOCALE`).
Faker is only needed to regenerate the file, never imported by the package.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

import faker.providers.person as person_providers
import justext

from cleaner import settings

OUT = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "given_names.txt"
#: The locale that is the long tail of a century of US birth records (7,000 names, with
#: `General`, `King`, `London` and `Star` among them): only its names that are no common word
#: of a language the text model reads (a jusText stoplist word) are taken.
LONG_TAIL_LOCALE = "en"
FIRST_NAME_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def provider_first_names(provider: type) -> set[str]:
    names: set[str] = set()
    for attribute in FIRST_NAME_ATTRIBUTES:
        # (a locale may compute a list in a property: only plain lists and weighted dicts are data)
        value = next((klass.__dict__[attribute] for klass in provider.__mro__ if attribute in klass.__dict__), None)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, (list, tuple)):
            names.update(name for name in value if isinstance(name, str))
    return names


def given_names() -> list[str]:
    names: set[str] = set()
    long_tail: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = getattr(importlib.import_module(f"{person_providers.__name__}.{module.name}"), "Provider", None)
        if provider is not None:
            (long_tail if module.name == LONG_TAIL_LOCALE else names).update(provider_first_names(provider))
    common_words = {
        word.casefold() for language in settings.TEXT_MODEL_LANGUAGES for word in justext.get_stoplist(language)
    }
    names |= {name for name in long_tail - names if name.casefold() not in common_words}
    # one word each (`Mary Ann` gives `mary` and `ann`), case-folded, cased scripts only
    words = {word.casefold() for name in names for word in name.split() if word[:1].isupper()}
    return sorted(word for word in words if word.replace("-", "").replace("'", "").replace("’", "").isalpha())


#: The file's head: where the names come from, and the licence they come under.
NOTICE = """\
# Given names, one a line, case-folded: written by training/given_names.py from the first
# names of Faker's person providers (https://github.com/joke2k/faker), under this licence:
#
# Copyright (c) 2012 Daniele Faraglia
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
# THE SOFTWARE.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    out = parser.parse_args().out
    names = given_names()
    out.write_text(NOTICE + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{out}: {len(names)} given names")


if __name__ == "__main__":
    main()
