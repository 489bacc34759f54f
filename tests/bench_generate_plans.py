"""Benchmark: generating a cycle's plans, the deadline cron, closing the cycle.

Prints wall time and SQL queries for growing numbers of owners, on a database
where the work plan addons are installed; everything it creates is rolled back.

    python3 tests/bench_generate_plans.py -c CONF -d DB [--owners 100 1000 5000]
"""

import argparse
import sys
import time

import odoo
from odoo import Command, api
from odoo.tools import config


def build_policy(env, owners):
    department = env["hr.department"].create({"name": f"Bench {owners}"})
    manager = env["hr.employee"].create(
        {"name": "Bench manager", "department_id": department.id}
    )
    department.manager_id = manager
    env["hr.employee"].create(
        [
            {
                "name": f"Bench {owners}-{index}",
                "department_id": department.id,
                "parent_id": manager.id,
            }
            for index in range(owners)
        ]
    )
    return env["hr.work.plan.policy"].create(
        {
            "name": f"Bench {owners}",
            "code": f"BENCH-{owners}",
            "department_ids": [Command.set(department.ids)],
            "forced_distribution": True,
            "grade_ids": [
                Command.create(
                    {
                        "code": code,
                        "name": code,
                        "min_score": low,
                        "max_score": high,
                        "min_inclusive": not low,
                        "coefficient": coefficient,
                        "quota_percent": quota,
                    }
                )
                for code, low, high, coefficient, quota in [
                    ("A", 90, 100, 1.3, 0),
                    ("B", 75, 90, 1.1, 0),
                    ("C", 0, 75, 0.8, 0),
                ]
            ],
            "deadline_ids": [
                Command.create(
                    {"stage": "submit", "position": "before", "day": 28, "hour": 12}
                ),
                Command.create(
                    {
                        "stage": "approve",
                        "position": "before",
                        "day": -1,
                        "hour": 18,
                        "working_days": True,
                    }
                ),
            ],
        }
    )


def measure(env, label, function):
    env.flush_all()
    queries, start = env.cr.sql_log_count, time.perf_counter()
    result = function()
    env.flush_all()
    elapsed = time.perf_counter() - start
    queries = env.cr.sql_log_count - queries
    sys.stdout.write(f"  {label:<32} {elapsed:8.2f} s {queries:8d} queries\n")
    return result


def run(env, owners):
    policy = build_policy(env, owners)
    november = env["hr.work.plan.cycle"].create(
        {"name": "Nov", "policy_id": policy.id, "date_from": "2026-11-01"}
    )
    december = env["hr.work.plan.cycle"].create(
        {"name": "Dec", "policy_id": policy.id, "date_from": "2026-12-01"}
    )
    sys.stdout.write(f"{owners} owners\n")
    plans = measure(env, "generate plans", november.action_generate_plans)
    plans.line_ids = [Command.create({"name": "Open item", "weight": 100})]
    measure(env, "generate with carry-over", december.action_generate_plans)
    measure(env, "generate again (nothing to do)", december.action_generate_plans)
    measure(env, "deadline cron", env["hr.work.plan"]._cron_plan_deadlines)
    for index, plan in enumerate(plans):
        plan.line_ids.write({"completion": "done", "score_manager": 60 + index % 40})
    plans.write({"state": "assessed"})
    measure(env, "close the cycle", november.action_close)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--owners", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    for owners in args.owners:
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            run(env, owners)
            cr.rollback()


if __name__ == "__main__":
    main()
