#!/usr/bin/env bash
# Runs the whole test suite on a fresh throw-away database: installs the four
# addons (with demo data, failing on any warning or error in the log), then
# runs every addon's tests and the cross-module tests of tests/ with pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/test_menus.py -k admin
source "$(dirname "$0")/common.sh"

check_odoo
install_requirements
ensure_chromium
ensure_database_server
DB="${WP_TEST_DB:-work_plan_test_$$}"
conf="$(write_odoo_config "$DB")"

cleanup() {
    if [ -z "${WP_KEEP_DB:-}" ]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$LOCAL_DIR/data/filestore/$DB" "$conf"
    fi
}
trap cleanup EXIT

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
install_addons "$conf" "$DB"

say "running the tests on database $DB"
cd "$REPO_DIR"
"$PYTHON" -m pytest --odoo-config="$conf" --odoo-database="$DB" --odoo-http \
    -p no:cacheprovider "$@"
