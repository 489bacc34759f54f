# shellcheck shell=bash
# Shared helpers of the project's scripts: checking the Odoo host, installing
# the requirements, making a PostgreSQL server reachable and writing an Odoo
# configuration file. Sourced, not executed.

set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$REPO_DIR/.local"
PYTHON="${PYTHON:-python3}"
WP_ADDONS="hr_work_plan,hr_work_plan_penalty,hr_work_plan_report,hr_work_plan_payroll"
export TZ=UTC

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

VENV_DIR="$LOCAL_DIR/venv"
HOST_PYTHON="$PYTHON"

odoo_missing() {
    die "Odoo 18 is not importable by '$HOST_PYTHON': $1.
This project is a set of addons for an existing Odoo 18 installation. Install
Odoo 18.0 (for example a checkout of https://github.com/odoo/odoo at branch 18.0
with 'pip install -r requirements.txt' run inside it) and make it importable,
e.g. 'pip install -e <odoo checkout>' or a .pth file naming the checkout, so
that '$HOST_PYTHON -c \"import odoo\"' works; or name an Odoo 18 source checkout
or archive (a path or URL) and the scripts install it into their environment:
  ODOO_SRC=https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz $0
Then run this command again."
}

# The scripts run Odoo, pytest and the linters from their own virtual
# environment, .local/venv, made from the Python that imports Odoo with
# --system-site-packages so that a packaged Odoo and its dependencies stay
# visible, and with Odoo's folder on its path: OCA addons installed by pip make
# site-packages/odoo/addons, a namespace package that would otherwise hide an
# editable install. Sets PYTHON to the environment's interpreter.
check_odoo() {
    local decision action detail root site version
    decision="$("$HOST_PYTHON" "$REPO_DIR/scripts/odoo_host.py" decide "$HOST_PYTHON" "${ODOO_SRC:-}" 2>/dev/null)" ||
        odoo_missing "'$HOST_PYTHON' does not run"
    action="${decision%% *}" detail="${decision#* }"
    [ "$action" != fail ] || odoo_missing "$detail"
    if [ ! -x "$VENV_DIR/bin/python" ]; then
        say "making the virtual environment $VENV_DIR from $HOST_PYTHON"
        mkdir -p "$LOCAL_DIR"
        "$HOST_PYTHON" -m venv --system-site-packages "$VENV_DIR" > "$LOCAL_DIR/venv.log" 2>&1 || {
            cat "$LOCAL_DIR/venv.log" >&2; rm -rf "$VENV_DIR"
            die "making the virtual environment failed (Debian: apt-get install python3-venv)"
        }
    fi
    PYTHON="$VENV_DIR/bin/python"
    export PATH="$VENV_DIR/bin:$PATH"
    root="$detail"
    [ "$action" != source ] || root="$(install_odoo_source "$detail")"
    site="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    printf '%s\n' "$root" > "$site/odoo-host.pth"
    version="$("$PYTHON" -c 'from odoo import SUPERUSER_ID, release; print(release.major_version)' 2>/dev/null)" ||
        odoo_missing "its Odoo does not import in $VENV_DIR"
    [ "$version" = "18.0" ] || die "'$HOST_PYTHON' imports Odoo $version; this project needs Odoo 18.0."
}

# Puts the Odoo source named by ODOO_SRC (a folder, an archive or the URL of
# one) under .local/odoo-src, installs its requirements into the virtual
# environment and prints its folder.
install_odoo_source() {
    local src="$1" root archive dest="$LOCAL_DIR/odoo-src"
    if [ -d "$src" ]; then
        root="$(cd "$src" && pwd)"
    elif [ -f "$dest/.from" ] && [ "$(cat "$dest/.from")" = "$src" ]; then
        root="$(cat "$dest/.root")"
    else
        archive="$src"
        if [[ "$src" =~ ^https?:// ]]; then
            archive="$LOCAL_DIR/odoo-src-download"
            say "downloading Odoo from $src"
            curl -fsSL -o "$archive" "$src" >&2 || die "downloading $src failed"
            case "$src" in *.zip) mv "$archive" "$archive.zip"; archive="$archive.zip" ;; esac
        fi
        [ -f "$archive" ] || die "ODOO_SRC names neither a folder, an archive nor a URL: $src"
        say "unpacking $src into $dest"
        root="$("$PYTHON" "$REPO_DIR/scripts/odoo_host.py" unpack "$archive" "$dest")" ||
            die "ODOO_SRC holds no Odoo source: $src"
        printf '%s\n' "$src" > "$dest/.from"
        printf '%s\n' "$root" > "$dest/.root"
    fi
    [ -f "$root/odoo/release.py" ] || die "ODOO_SRC holds no Odoo source: $src"
    say "installing the requirements of the Odoo source $root"
    # some of its pinned packages are old sources that build only with an
    # older setuptools
    printf 'setuptools<75\n' > "$LOCAL_DIR/pip-constraints.txt"
    PIP_CONSTRAINT="$LOCAL_DIR/pip-constraints.txt" "$PYTHON" -m pip install \
        --disable-pip-version-check -q -r "$root/requirements.txt" > "$LOCAL_DIR/pip-odoo.log" 2>&1 || {
        cat "$LOCAL_DIR/pip-odoo.log" >&2
        die "installing Odoo's requirements failed (Debian: apt-get install libpq-dev libldap2-dev libsasl2-dev)"
    }
    printf '%s\n' "$root"
}

install_requirements() {
    local log="$LOCAL_DIR/pip.log"
    mkdir -p "$LOCAL_DIR"
    say "installing the Python requirements (requirements.txt) into $VENV_DIR"
    # OCA addons declare a dependency on an "odoo" distribution that a source
    # checkout does not register, so they go in without dependencies.
    if ! { grep -v '^odoo-addon-' "$REPO_DIR/requirements.txt" > "$LOCAL_DIR/requirements-py.txt" &&
           grep '^odoo-addon-' "$REPO_DIR/requirements.txt" > "$LOCAL_DIR/requirements-addons.txt" &&
           "$PYTHON" -m pip install --disable-pip-version-check -q -r "$LOCAL_DIR/requirements-py.txt" &&
           "$PYTHON" -m pip install --disable-pip-version-check -q --no-deps -r "$LOCAL_DIR/requirements-addons.txt"
         } > "$log" 2>&1; then
        cat "$log" >&2
        die "installing the requirements failed (log above, also in $log)"
    fi
    "$PYTHON" -c 'from odoo import SUPERUSER_ID' 2>/dev/null ||
        die "after installing the OCA addons, '$PYTHON' no longer imports Odoo; remove $VENV_DIR and run again"
}

# Browser tests (tours) need Chromium; install it when we can, else stop.
ensure_chromium() {
    local bin
    for bin in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$bin" >/dev/null 2>&1 && return
    done
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Chromium for the browser tests"
        { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } \
            > "$LOCAL_DIR/apt.log" 2>&1 || { cat "$LOCAL_DIR/apt.log" >&2; die "installing Chromium failed"; }
    else
        die "the browser tests need Chromium (Debian: apt-get install chromium)"
    fi
}

# --- PostgreSQL -----------------------------------------------------------

pg_bindir() {
    if command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    local dir
    dir="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$dir" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL 13 or newer."
    echo "$dir"
}

# Succeeds when the PG* environment reaches a server as a role Odoo may use
# (not "postgres") that can create databases.
pg_env_usable() {
    command -v psql >/dev/null 2>&1 || return 1
    local row
    row="$(psql -X -d postgres -Atc 'SELECT current_user, rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user' 2>/dev/null)" || return 1
    [ -n "$row" ] && [ "${row%%|*}" != "postgres" ] && [ "${row##*|}" = "t" ]
}

# A server answers as "postgres" only: give Odoo a role of its own there.
pg_env_create_role() {
    [ "$(psql -X -d postgres -Atc 'SELECT current_user' 2>/dev/null)" = "postgres" ] || return 1
    local pwfile="$LOCAL_DIR/pg-odoo-role-password"
    mkdir -p "$LOCAL_DIR"
    [ -s "$pwfile" ] || "$PYTHON" -c 'import secrets; print(secrets.token_hex(16))' > "$pwfile"
    local password
    password="$(cat "$pwfile")"
    psql -X -q -d postgres -v ON_ERROR_STOP=1 -v pw="$password" >/dev/null 2>&1 <<'SQL' || return 1
SELECT format('CREATE ROLE odoo LOGIN CREATEDB PASSWORD %L', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'odoo') \gexec
SELECT format('ALTER ROLE odoo LOGIN CREATEDB PASSWORD %L', :'pw') \gexec
SQL
    PGUSER=odoo PGPASSWORD="$password" pg_env_usable || return 1
    export PGUSER=odoo PGPASSWORD="$password"
}

# Runs a command as the owner of the private cluster: PostgreSQL refuses to
# run as root, so root hands it to an unprivileged system user.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

# First TCP port from $1 upward that nothing listens on at 127.0.0.1.
free_port() {
    "$PYTHON" - "$1" <<'PY'
import socket
import sys

port = int(sys.argv[1])
while True:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) != 0:
            print(port)
            break
    port += 1
PY
}

# Runs a command with none of this shell's open files beyond stdin, stdout
# and stderr: a server it starts outlives us and must not hold them (a lock
# taken around a test run, say).
without_inherited_fds() {
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd="${fd##*/}"
            [ "$fd" -gt 2 ] && eval "exec $fd>&-"
        done
        "$@"
    )
}

start_private_cluster() {
    local bindir pgdir="$LOCAL_DIR/pg"
    bindir="$(pg_bindir)"
    PG_OS_USER="${WP_PG_OS_USER:-wpdb}"
    local port
    mkdir -p "$pgdir/run"
    if [ "$(id -u)" = 0 ]; then
        id "$PG_OS_USER" >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
        chown "$PG_OS_USER" "$pgdir" "$pgdir/run"
        # the server must be able to reach its folder
        local dir="$pgdir"
        while [ "$dir" != / ]; do
            dir="$(dirname "$dir")"
            chmod o+x "$dir" 2>/dev/null || true
        done
    fi
    if [ ! -s "$pgdir/password" ]; then
        "$PYTHON" -c 'import secrets; print(secrets.token_hex(16))' > "$pgdir/password"
    fi
    if [ ! -f "$pgdir/data/PG_VERSION" ]; then
        port="$(free_port "${WP_PG_PORT:-54329}")"
        say "creating a private PostgreSQL cluster in $pgdir"
        rm -rf "$pgdir/data"
        cp "$pgdir/password" "$pgdir/run/pwfile"
        [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$pgdir/run/pwfile"
        as_pg_owner "$bindir/initdb" -D "$pgdir/data" -U odoo --pwfile="$pgdir/run/pwfile" \
            --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 > "$pgdir/initdb.log" 2>&1 ||
            { cat "$pgdir/initdb.log" >&2; die "initdb failed"; }
        rm -f "$pgdir/run/pwfile"
        cat >> "$pgdir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pgdir/run'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    fi
    port="$(sed -n "s/^port = \([0-9]*\)$/\1/p" "$pgdir/data/postgresql.conf" | tail -n 1)"
    if ! as_pg_owner "$bindir/pg_ctl" -D "$pgdir/data" status >/dev/null 2>&1; then
        say "starting the private PostgreSQL cluster on 127.0.0.1:$port"
        without_inherited_fds as_pg_owner "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 start >/dev/null ||
            { tail -n 20 "$pgdir/server.log" >&2; die "the private PostgreSQL cluster did not start (port $port busy? set WP_PG_PORT)"; }
    fi
    PGPASSWORD="$(cat "$pgdir/password")"
    export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=odoo PGPASSWORD
}

# Leaves PGHOST/PGPORT/PGUSER/PGPASSWORD naming a server and role Odoo can use.
ensure_database_server() {
    if pg_env_usable; then
        say "using the PostgreSQL server of the environment (role $(psql -X -d postgres -Atc 'SELECT current_user'))"
    elif pg_env_create_role; then
        say "using the PostgreSQL server of the environment with role odoo"
    else
        start_private_cluster
        pg_env_usable || die "the private PostgreSQL cluster does not accept role odoo"
    fi
}

# Writes an Odoo configuration file for the given database and prints its path.
write_odoo_config() {
    local db="$1" conf="$LOCAL_DIR/odoo-$1.conf" addons_path
    addons_path="$("$PYTHON" "$REPO_DIR/scripts/addons_path.py" "$REPO_DIR")" || exit 1
    mkdir -p "$LOCAL_DIR/data"
    cat > "$conf" <<EOF
[options]
addons_path = $addons_path
data_dir = $LOCAL_DIR/data
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_user = ${PGUSER:-False}
db_password = ${PGPASSWORD:-False}
db_name = $db
dbfilter = ^$db\$
list_db = False
admin_passwd = ${WP_MASTER_PASSWORD:-admin}
without_demo = False
http_port = $(free_port "${WP_HTTP_PORT:-18069}")
EOF
    echo "$conf"
}

odoo_cmd() {
    "$PYTHON" -m odoo "$@"
}

db_exists() {
    [ "$(psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

addons_installed() {
    local count
    count="$(psql -X -d "$1" -Atc "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name = ANY(string_to_array('$WP_ADDONS', ','))" 2>/dev/null)" || return 1
    [ "$count" = "$(tr ',' '\n' <<< "$WP_ADDONS" | wc -l)" ]
}

# Installs the addons (all four, or those given as $3); fails when the log
# shows a warning or an error.
install_addons() {
    local conf="$1" db="$2" addons="${3:-$WP_ADDONS}" log="$LOCAL_DIR/install-$2.log"
    say "installing $addons into database $db (log: $log)"
    rm -f "$log"
    odoo_cmd -c "$conf" -d "$db" -i "$addons" --stop-after-init --log-level=info \
        --logfile="$log" || { tail -n 40 "$log" >&2; die "installing the addons failed"; }
    if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$log" >&2; then
        die "installing the addons logged the warnings or errors above"
    fi
}

# --- Host suites ------------------------------------------------------------
# The test suites of the modules our addons extend, run by Odoo's own test
# runner on databases where our addons are installed, so that an extension
# never breaks the module it extends. Without -i/-u, --test-tags runs the
# at-install tests of the tagged modules while the registry loads, then their
# post-install tests. One suite is "name|database|test tags": database "full"
# has the four addons, "core" the three without payroll (WP_CORE_ADDONS). To
# leave out a test that fails for reasons of the host alone, append
# ",-/module:Class.method" to the tags, with a comment saying why.
WP_CORE_ADDONS="hr_work_plan,hr_work_plan_penalty,hr_work_plan_report"
HOST_SUITES=(
    # hr_work_plan extends hr.employee. On "core" because OCA payroll 18.0
    # (through 18.0.1.4.0.3) adds hr.employee.slip_ids without groups, which
    # on its own fails hr's TestSelfAccessProfile.test_employee_fields_groups;
    # tests/test_employee_profile.py checks our fields with payroll installed.
    "hr|core|/hr"
    # hr_work_plan_report's spreadsheets are report_xlsx reports
    "report_xlsx|core|/report_xlsx"
    # hr_work_plan_payroll brings scores and fines into payroll's payslips
    "payroll|full|/payroll"
)
HOST_SUMMARY=()
HOST_PASSED=0
HOST_FAILED=0

host_suite_names() {
    local suite
    for suite in "${HOST_SUITES[@]}"; do
        echo "${suite%%|*}"
    done
}

# Stops unless every argument names a host suite.
check_host_suite_names() {
    local wanted
    for wanted in "$@"; do
        host_suite_names | grep -qx -- "$wanted" ||
            die "no host suite '$wanted'; the suites are: $(host_suite_names | tr '\n' ' ')"
    done
}

# Succeeds when suite $1 is among the suites named after it, or none is named.
host_suite_selected() {
    local name="$1"
    shift
    [ "$#" -eq 0 ] || printf '%s\n' "$@" | grep -qx -- "$name"
}

# Runs one host suite on an installed database; prints its summary line and
# its failing tests, keeps its log under .local/, fails when it failed.
run_host_suite() {
    local name="$1" conf="$2" db="$3" tags="$4"
    local log="$LOCAL_DIR/host-$name-$db.log" rc=0 judged=0 start report
    say "running the $name suite (--test-tags $tags) on database $db"
    rm -f "$log"
    start=$SECONDS
    odoo_cmd -c "$conf" -d "$db" --test-tags="$tags" --stop-after-init --log-level=info \
        --http-port="$(free_port 18069)" --logfile="$log" || rc=$?
    report="$("$PYTHON" "$REPO_DIR/scripts/host_suite_report.py" "$name" \
        "${log#"$REPO_DIR/"}" "$rc" "$((SECONDS - start))")" || judged=$?
    printf '%s\n' "$report" >&2
    HOST_SUMMARY+=("$(head -n 1 <<< "$report")")
    if [[ "$report" =~ ([0-9]+)\ tests,\ ([0-9]+)\ failed,\ ([0-9]+)\ errors ]]; then
        local bad=$((BASH_REMATCH[2] + BASH_REMATCH[3]))
        HOST_PASSED=$((HOST_PASSED + BASH_REMATCH[1] - bad))
        HOST_FAILED=$((HOST_FAILED + bad))
    fi
    # a suite that failed without a failing test (a crash, an error logged)
    # counts as one failure
    if [ "$judged" != 0 ] && [[ ! "$report" =~ [1-9][0-9]*\ (failed|errors) ]]; then
        HOST_FAILED=$((HOST_FAILED + 1))
    fi
    return "$judged"
}

# Runs the host suites named (all when none): "full" ones on database $2 with
# the four addons installed (configuration $1), "core" ones on a fresh
# database "$2_core" with the three core addons. Fails when any suite failed.
run_host_suites() {
    local conf="$1" db="$2" failed=0 suite name suite_db kind tags core_conf=""
    shift 2
    check_host_suite_names "$@"
    for kind in full core; do
        for suite in "${HOST_SUITES[@]}"; do
            IFS='|' read -r name suite_db tags <<< "$suite"
            [ "$suite_db" = "$kind" ] || continue
            host_suite_selected "$name" "$@" || continue
            if [ "$kind" = full ]; then
                run_host_suite "$name" "$conf" "$db" "$tags" || failed=1
            else
                if [ -z "$core_conf" ]; then
                    core_conf="$(write_odoo_config "${db}_core")" || die "no configuration for ${db}_core"
                    dropdb --if-exists "${db}_core" >/dev/null 2>&1 || true
                    install_addons "$core_conf" "${db}_core" "$WP_CORE_ADDONS"
                fi
                run_host_suite "$name" "$core_conf" "${db}_core" "$tags" || failed=1
            fi
        done
    done
    return "$failed"
}

# Prints the summary line of each host suite run, then their total.
print_host_summary() {
    printf '%s\n' "${HOST_SUMMARY[@]}" >&2
    printf 'host suites: %d passed, %d failed\n' "$HOST_PASSED" "$HOST_FAILED"
}

# Drops a test database with its filestore and configuration, unless
# WP_KEEP_DB is set.
drop_test_database() {
    [ -z "${WP_KEEP_DB:-}" ] || return 0
    dropdb --if-exists "$1" >/dev/null 2>&1 || true
    rm -rf "$LOCAL_DIR/data/filestore/$1" "$LOCAL_DIR/odoo-$1.conf"
}
