#!/bin/sh
# Re-extract the GUI's strings into the .ts (keeping existing translations), then
# compile the .qm that main.py loads. Run from anywhere; translate new strings in
# the .ts (Qt Linguist, or an editor) before committing.
set -e
cd "$(dirname "$0")/../.."
pyside6-lupdate -no-obsolete -locations none main.py widgets/*.py widgets/*/*.py -ts resources/i18n/griddesk_zh_CN.ts
pyside6-lrelease resources/i18n/griddesk_zh_CN.ts -qm resources/i18n/griddesk_zh_CN.qm
