#!/usr/bin/env bash
# Refreshes every addon's i18n/<addon>.pot from a fresh database with the
# addons installed and merges the new terms into i18n/zh_CN.po, keeping the
# translations already there.
source "$(dirname "$0")/common.sh"

DB="work_plan_i18n_$$"
check_odoo
install_requirements
ensure_database_server
conf="$(write_odoo_config "$DB")"
trap 'dropdb --if-exists "$DB" >/dev/null 2>&1; rm -rf "$LOCAL_DIR/data/filestore/$DB" "$conf"' EXIT
install_addons "$conf" "$DB"
for addon in ${WP_ADDONS//,/ }; do
    pot="$REPO_DIR/$addon/i18n/$addon.pot"
    mkdir -p "$(dirname "$pot")"
    odoo_cmd -c "$conf" -d "$DB" --i18n-export="$pot" --modules="$addon" \
        --stop-after-init --log-level=warn
    "$PYTHON" - "$pot" "$REPO_DIR/$addon/i18n/zh_CN.po" <<'PY'
import os
import sys

import polib

pot_path, po_path = sys.argv[1:]
pot = polib.pofile(pot_path)
if os.path.exists(po_path):
    po = polib.pofile(po_path)
    po.merge(pot)
    po[:] = [entry for entry in po if not entry.obsolete]
else:
    po = polib.POFile()
    po.metadata = dict(pot.metadata, Language="zh_CN")
    po.extend(pot)
po.wrapwidth = 78
po.save(po_path)
untranslated = [entry.msgid for entry in po if not entry.msgstr]
print(f"{po_path}: {len(po)} terms, {len(untranslated)} untranslated")
PY
done
