"""Month-end benchmark: the cycle statistics spreadsheet against bare xlsxwriter.

Builds a cycle of N owners (generated plans, graded, a fine for one owner in
three), then exports its statistics through the report, and writes the same
cells with xlsxwriter alone from values read beforehand. Prints wall time and
SQL queries of each, best of two, and last a JSON line with
``xlsx_vs_bare`` = report ÷ bare xlsxwriter (goal ≤ 3). Everything
it creates is rolled back.

    python3 tests/bench_month_end.py -c CONF -d DB [--owners 2000]
"""

import argparse
import io
import json
import sys
import time

import xlsxwriter

import odoo
from odoo import Command, api
from odoo.tools import config

RUNS = 2
REPORT = "hr_work_plan_report.report_cycle_statistics_xlsx"


def build_cycle(env, owners):
    department = env["hr.department"].create({"name": f"Report bench {owners}"})
    people = env["hr.employee"].create(
        [
            {"name": f"Report bench {index}", "department_id": department.id}
            for index in range(owners)
        ]
    )
    policy = env["hr.work.plan.policy"].create(
        {
            "name": "Report bench",
            "code": f"REPORT-BENCH-{owners}",
            "department_ids": [Command.set(department.ids)],
            "grade_ids": [
                Command.create(
                    {
                        "code": code,
                        "name": code,
                        "min_score": low,
                        "max_score": high,
                        "min_inclusive": not low,
                    }
                )
                for code, low, high in [("A", 90, 100), ("B", 75, 90), ("C", 0, 75)]
            ],
        }
    )
    cycle = env["hr.work.plan.cycle"].create(
        {"name": "Report bench", "policy_id": policy.id, "date_from": "2026-12-01"}
    )
    plans = cycle.action_generate_plans()
    for index, plan in enumerate(plans):
        grade = policy.grade_ids[index % 3]
        plan.write(
            {
                "state": "done",
                "score_final": grade.min_score + 1,
                "grade_id": grade.id,
                "coefficient": 1.0,
                "rank": index + 1,
            }
        )
    fines = env["hr.work.plan.penalty"].create(
        [
            {
                "kind": "fine",
                "employee_id": employee.id,
                "amount": 50,
                "date": "2026-12-10",
                "reason": "Bench",
            }
            for employee in people[::3]
        ]
    )
    fines.write({"state": "confirmed"})
    return cycle


def bare_export(rows):
    """The same cells, written by xlsxwriter from plain values."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet()
    number = workbook.add_format({"num_format": "#,##0.00", "border": 1})
    text = workbook.add_format({"border": 1})
    for row, values in enumerate(rows, start=3):
        for col, value in enumerate(values):
            if isinstance(value, bool):
                sheet.write_boolean(row, col, value, text)
            elif isinstance(value, int | float):
                sheet.write_number(row, col, value, number)
            elif value is None:
                sheet.write_blank(row, col, None, text)
            else:
                sheet.write_string(row, col, value, text)
    workbook.close()
    return output.getvalue()


def measure(env, label, function):
    env.flush_all()
    env.invalidate_all()
    queries, start = env.cr.sql_log_count, time.perf_counter()
    function()
    elapsed = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    sys.stdout.write(f"  {label:<30} {elapsed:8.2f} s {queries:8d} queries\n")
    return elapsed


def run(env, owners):
    cycle = build_cycle(env, owners)
    report = env["report.hr_work_plan_report.cycle_statistics_xlsx"]
    plans = cycle.plan_ids
    money = report._penalties_by_employee(cycle, plans)
    states = dict(plans._fields["state"]._description_selection(env))
    rows = [report._plan_row(plan, states, money) for plan in plans]
    exports = {
        "bare xlsxwriter": lambda: bare_export(rows),
        "cycle statistics report": lambda: env["ir.actions.report"]._render(
            REPORT, cycle.ids
        ),
    }
    sys.stdout.write(f"{len(plans)} owners\n")
    best = {}
    for attempt in range(RUNS):
        for label, export in exports.items():
            seconds = measure(env, f"{label} (run {attempt + 1})", export)
            best[label] = min(best.get(label, seconds), seconds)
    return best["cycle statistics report"] / best["bare xlsxwriter"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--owners", type=int, default=2000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        ratio = run(env, args.owners)
        cr.rollback()
    sys.stdout.write(
        json.dumps({"owners": args.owners, "xlsx_vs_bare": round(ratio, 3)})
        + "\n"
    )


if __name__ == "__main__":
    main()
