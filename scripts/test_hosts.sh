#!/usr/bin/env bash
# Runs only the suites of the modules our addons extend (Odoo's hr, OCA's
# report_xlsx and payroll; see HOST_SUITES in common.sh) with Odoo's own test
# runner, on fresh throw-away databases with our addons installed. Arguments
# name the suites to run (default: all), e.g. scripts/test_hosts.sh hr
# Each suite's log stays in .local/host-<suite>-<database>.log.
source "$(dirname "$0")/common.sh"

check_odoo
install_requirements
ensure_chromium
ensure_database_server
DB="${WP_TEST_DB:-work_plan_hosts_$$}"
conf="$(write_odoo_config "$DB")"

cleanup() {
    drop_test_database "$DB"
    drop_test_database "${DB}_core"
}
trap cleanup EXIT

check_host_suite_names "$@"
needs_full=0
for suite in "${HOST_SUITES[@]}"; do
    IFS='|' read -r name suite_db _ <<< "$suite"
    if [ "$suite_db" = full ] && host_suite_selected "$name" "$@"; then
        needs_full=1
    fi
done
if [ "$needs_full" = 1 ]; then
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    install_addons "$conf" "$DB"
fi

rc=0
run_host_suites "$conf" "$DB" "$@" || rc=$?
say "summary"
print_host_summary
exit "$rc"
