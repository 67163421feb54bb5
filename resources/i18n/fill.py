"""Fill translations into the .ts from "context|source|translation" lines on stdin.

    python resources/i18n/fill.py < my_strings.txt && sh resources/i18n/update.sh

Lists what is still untranslated when called with --missing. `--lang en` works on
griddesk_en.ts, which holds only the plural messages ("%n match(es)"): give their
forms separated by "||", singular first ("1 match||%n matches"). A plural given one
form (Chinese has one) fills every form with it.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

I18N = Path(__file__).parent


def ts_file(argv: list[str]) -> Path:
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "zh_CN"
    return I18N / f"griddesk_{lang}.ts"


def unfinished(root: ET.Element):
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not (translation.text or len(translation)):
                yield name, message, translation


def main() -> int:
    ts = ts_file(sys.argv)
    tree = ET.parse(ts)
    if "--missing" in sys.argv:
        for name, message, _ in unfinished(tree.getroot()):
            print(f"{name}|{message.findtext('source')}|")
        return 0
    wanted = {}
    for line in sys.stdin:
        if line.strip():
            context, source, text = line.rstrip("\n").split("|", 2)
            wanted[(context, source)] = text
    filled = 0
    for name, message, translation in list(unfinished(tree.getroot())):
        text = wanted.get((name, message.findtext("source")))
        if text:
            if message.get("numerus") == "yes":
                forms = text.split("||")
                slots = translation.findall("numerusform") or [ET.SubElement(translation, "numerusform")]
                for index, form in enumerate(slots):
                    form.text = forms[min(index, len(forms) - 1)]
            else:
                translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
