#!/usr/bin/env bash
# Runs the linters from the project's virtual environment: ruff (lint and
# format) and pylint-odoo on the four addons and tests/.
source "$(dirname "$0")/common.sh"

check_odoo
install_requirements
cd "$REPO_DIR"
say "ruff"
ruff check .
ruff format --check .
say "pylint-odoo"
"$PYTHON" -m pylint --rcfile=.pylintrc hr_work_plan hr_work_plan_penalty hr_work_plan_report hr_work_plan_payroll tests
