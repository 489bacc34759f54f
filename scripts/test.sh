#!/usr/bin/env bash
# Runs the whole test suite on fresh throw-away databases: installs the four
# addons (with demo data, failing on any warning or error in the log), runs
# every addon's tests and the cross-module tests of tests/ with pytest, then
# the suites of the modules our addons extend (Odoo's hr, OCA's report_xlsx
# and payroll) with Odoo's own test runner; see HOST_SUITES in common.sh.
# Exits non-zero when any of them failed.
#
# With arguments, runs only the pytest tests they choose (they go to pytest),
# e.g. scripts/test.sh tests/test_menus.py -k admin
# scripts/test_hosts.sh runs only the host suites.
source "$(dirname "$0")/common.sh"

check_odoo
install_requirements
ensure_chromium
ensure_database_server
DB="${WP_TEST_DB:-work_plan_test_$$}"
conf="$(write_odoo_config "$DB")"

cleanup() {
    drop_test_database "$DB"
    drop_test_database "${DB}_core"
}
trap cleanup EXIT

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
install_addons "$conf" "$DB"

say "running the tests on database $DB"
cd "$REPO_DIR"
pytest_rc=0
"$PYTHON" -m pytest --odoo-config="$conf" --odoo-database="$DB" --odoo-http \
    -p no:cacheprovider "$@" || pytest_rc=$?
[ "$#" -eq 0 ] || exit "$pytest_rc"

hosts_rc=0
run_host_suites "$conf" "$DB" || hosts_rc=$?
say "summary"
if [ "$pytest_rc" = 0 ]; then
    printf 'pytest: passed\n' >&2
else
    printf 'pytest: FAILED (exit code %s)\n' "$pytest_rc" >&2
fi
print_host_summary
[ "$pytest_rc" = 0 ] && [ "$hosts_rc" = 0 ]
