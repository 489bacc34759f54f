"""Benchmark: a payslip run with the work plan bridge against one without it.

Generates and computes the payslips of a month for N employees with closed
plans and confirmed fines, once with the structure of the bridge (its rules
declare the work plan inputs) and once with a structure of as many rules that
declare none, so that the bridge has nothing to do. Prints wall time and SQL
queries of each run, best of two, and last a JSON line with
``payslip_bridge_ratio`` = time with the bridge ÷ time without (goal ≤ 1.15).
Everything it creates is rolled back. Needs OCA payroll installed.

    python3 tests/bench_payslips.py -c CONF -d DB [--employees 200]
"""

import argparse
import json
import sys
import time

import odoo
from odoo import Command, api
from odoo.tools import config

PERIOD = ("2026-12-01", "2026-12-31")
RUNS = 2


def build_company(env, employees):
    department = env["hr.department"].create({"name": f"Payslip bench {employees}"})
    people = env["hr.employee"].create(
        [
            {"name": f"Payslip bench {index}", "department_id": department.id}
            for index in range(employees)
        ]
    )
    policy = env["hr.work.plan.policy"].create(
        {
            "name": "Payslip bench",
            "code": f"PAY-BENCH-{employees}",
            "department_ids": [Command.set(department.ids)],
            "grade_ids": [
                Command.create(
                    {
                        "code": code,
                        "name": code,
                        "min_score": low,
                        "max_score": high,
                        "min_inclusive": not low,
                        "coefficient": coefficient,
                    }
                )
                for code, low, high, coefficient in [
                    ("A", 90, 100, 1.3),
                    ("B", 75, 90, 1.1),
                    ("C", 0, 75, 0.8),
                ]
            ],
        }
    )
    plans = env["hr.work.plan"].create(
        [
            {
                "policy_id": policy.id,
                "employee_id": employee.id,
                "date_from": PERIOD[0],
                "date_to": PERIOD[1],
                "line_ids": [Command.create({"name": "Work", "weight": 100})],
            }
            for employee in people
        ]
    )
    for index, plan in enumerate(plans):
        grade = policy.grade_ids[index % 3]
        plan.write(
            {
                "state": "done",
                "score_final": grade.min_score + 1,
                "grade_id": grade.id,
                "coefficient": grade.coefficient,
            }
        )
    fines = env["hr.work.plan.penalty"].create(
        [
            {
                "kind": "fine",
                "employee_id": employee.id,
                "amount": 50,
                "date": PERIOD[0],
                "reason": "Bench",
            }
            for employee in people[::3]
        ]
    )
    fines.write({"state": "confirmed"})
    contracts = env["hr.contract"].create(
        [
            {
                "name": f"Bench {employee.name}",
                "employee_id": employee.id,
                "wage": 8000 + index,
                "date_start": "2026-01-01",
                "state": "open",
            }
            for index, employee in enumerate(people)
        ]
    )
    return people, contracts


def bare_structure(env):
    """As many rules as the bridge's structure, reading no work plan input."""
    bridge = env.ref("hr_work_plan_payroll.structure_work_plan")
    return env["hr.payroll.structure"].create(
        {
            "name": "Bench without work plan inputs",
            "code": "BENCH-BARE",
            "parent_id": False,
            "rule_ids": [
                Command.create(
                    {
                        "name": rule.name,
                        "code": f"BARE_{rule.code}",
                        "sequence": rule.sequence,
                        "category_id": rule.category_id.id,
                        "amount_select": "code",
                        "amount_python_compute": "result = contract.wage * 0.2",
                    }
                )
                for rule in bridge.rule_ids
            ],
        }
    )


def payslip_run(env, people):
    run = env["hr.payslip.run"].create(
        {"name": "Bench", "date_start": PERIOD[0], "date_end": PERIOD[1]}
    )
    env["hr.payslip.employees"].with_context(active_id=run.id).create(
        {"employee_ids": [Command.set(people.ids)]}
    ).compute_sheet()
    return run


def measure(env, label, function):
    env.flush_all()
    env.invalidate_all()
    queries, start = env.cr.sql_log_count, time.perf_counter()
    function()
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    sys.stdout.write(f"  {label:<34} {elapsed:8.2f} s {queries:8d} queries\n")
    return elapsed


def run(env, employees):
    people, contracts = build_company(env, employees)
    structures = {
        "without the bridge": bare_structure(env),
        "with the bridge": env.ref("hr_work_plan_payroll.structure_work_plan"),
    }
    sys.stdout.write(f"{employees} payslips\n")
    best = {}
    for attempt in range(RUNS):
        for label, structure in structures.items():
            contracts.write({"struct_id": structure.id})
            seconds = measure(
                env, f"{label} (run {attempt + 1})", lambda: payslip_run(env, people)
            )
            best[label] = min(best.get(label, seconds), seconds)
    return best["with the bridge"] / best["without the bridge"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--employees", type=int, default=200)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        ratio = run(env, args.employees)
        cr.rollback()
    sys.stdout.write(
        json.dumps(
            {"employees": args.employees, "payslip_bridge_ratio": round(ratio, 3)}
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
