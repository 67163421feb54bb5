#!/bin/sh
# Re-extract the GUI's strings into the .ts files (keeping existing translations), then
# compile the .qm files that main.py loads. Run from anywhere; translate new strings in
# the .ts (Qt Linguist, an editor, or fill.py) before committing.
# Chinese gets every string; English, the source language, only the plural forms.
set -e
cd "$(dirname "$0")/../.."
SOURCES="main.py widgets/*.py widgets/*/*.py"
pyside6-lupdate -no-obsolete -locations none $SOURCES -ts resources/i18n/griddesk_zh_CN.ts
pyside6-lupdate -no-obsolete -locations none -pluralonly -source-language en -target-language en \
    $SOURCES -ts resources/i18n/griddesk_en.ts
pyside6-lrelease resources/i18n/griddesk_zh_CN.ts -qm resources/i18n/griddesk_zh_CN.qm
pyside6-lrelease resources/i18n/griddesk_en.ts -qm resources/i18n/griddesk_en.qm
