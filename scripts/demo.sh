#!/usr/bin/env bash
# Sets everything up and serves Odoo with the four addons and demo data on
# http://localhost:8069 (login admin / admin). Re-running reuses the database.
source "$(dirname "$0")/common.sh"

DB="${WP_DEMO_DB:-work_plan_demo}"
PORT="${WP_HTTP_PORT:-8069}"

check_odoo
install_requirements
ensure_database_server
conf="$(write_odoo_config "$DB")"
if ! db_exists "$DB" || ! addons_installed "$DB"; then
    install_addons "$conf" "$DB"
fi
say "Odoo with Work Plans and demo data: http://localhost:$PORT  (login admin / admin)"
exec "$PYTHON" -m odoo -c "$conf" -d "$DB" --http-port="$PORT" --http-interface="${WP_HTTP_INTERFACE:-0.0.0.0}"
