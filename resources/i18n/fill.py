"""Fill translations into the .ts from "context|source|translation" lines on stdin.

    python resources/i18n/fill.py < my_strings.txt && sh resources/i18n/update.sh

Lists what is still untranslated when called with --missing.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).with_name("griddesk_zh_CN.ts")


def unfinished(root: ET.Element):
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not (translation.text or len(translation)):
                yield name, message, translation


def main() -> int:
    tree = ET.parse(TS)
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
                for form in translation.findall("numerusform") or [ET.SubElement(translation, "numerusform")]:
                    form.text = text
            else:
                translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
