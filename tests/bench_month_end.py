"""Month-end benchmark: a whole cycle at company scale, beside Odoo's own floor.

For each number of owners, on a database with the addons installed, builds a
department of that many employees under one manager, a monthly policy whose
template gives every plan ``--items`` KPI items, with the deadlines, fines and
rewards of preset P1, and its cycle for last month; then
times each stage of the month — generate the plans from the template, submit,
approve, enter the actuals, self-assess, assess, the deadline job, close,
the fines' job, the payslip inputs of every owner (with OCA payroll), the
cycle statistics export — one line each with seconds, SQL queries and
milliseconds per plan, and under it, when there is any, the chatter's
tracking of what the stage changed, which Odoo writes at commit, one message
a record. Everything it creates is rolled back.

Baselines run beside them, and ratios come from them:

- ``generate_vs_orm``: a bare ORM batch create of the same plans and items
  (tracking off) ÷ ``action_generate_plans`` (goal ≥ 0.5);
- ``close_queries_ratio`` and ``cron_queries_ratio``: queries of the close and
  of the deadline job at the largest size ÷ at the smallest (goal ≤ 1.5);
- ``payslip_bridge_ratio``: 200 payslips computed with the bridge ÷ without
  (goal ≤ 1.15; see ``bench_payslips.py``);
- ``xlsx_vs_bare``: the statistics export ÷ writing the same cells with bare
  xlsxwriter (goal ≤ 3).

The last line printed is one JSON object with ``owners``, ``items`` and the
ratios::

    python3 tests/bench_month_end.py -c CONF -d DB [--owners 200 2000] [--items 10]
"""

import argparse
import io
import json
import sys
import time
from datetime import date

import xlsxwriter
from dateutil.relativedelta import relativedelta

import odoo
from odoo import Command, api
from odoo.tools import config

# last month, which the month-end closes, and the month after it
LAST_MONTH = date.today().replace(day=1) - relativedelta(months=1)
PERIOD = (LAST_MONTH, LAST_MONTH + relativedelta(months=1, days=-1))
NEXT_PERIOD = (PERIOD[1] + relativedelta(days=1), PERIOD[1] + relativedelta(months=1))
REPORT = "hr_work_plan_report.report_cycle_statistics_xlsx"
PAYSLIPS = 200
RUNS = 2


def build_policy(env, owners, items):
    board = env["hr.department"].create({"name": f"Month-end board {owners}"})
    manager = env["hr.employee"].create(
        {"name": "Month-end manager", "department_id": board.id}
    )
    department = env["hr.department"].create(
        {
            "name": f"Month-end {owners}",
            "parent_id": board.id,
            "manager_id": manager.id,
        }
    )
    people = env["hr.employee"].create(
        [
            {
                "name": f"Month-end {owners}-{index}",
                "department_id": department.id,
                "parent_id": manager.id,
            }
            for index in range(owners)
        ]
    )
    policy = env["hr.work.plan.policy"].create(
        {
            "name": f"Month-end {owners}",
            "code": f"MONTH-END-{owners}",
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
                    ("A", 90, 200, 1.3),
                    ("B", 75, 90, 1.1),
                    ("C", 0, 75, 0.8),
                ]
            ],
        }
    )
    follow_preset_p1(env, policy)
    indicators = env["hr.work.plan.indicator"].create(
        [
            {
                "name": f"Month-end KPI {index}",
                "line_type": "kpi",
                "curve": "linear",
                "floor_percent": 50,
                "cap_percent": 120,
            }
            for index in range(items)
        ]
    )
    env["hr.work.plan.template"].create(
        {
            "name": "Month-end template",
            "policy_id": policy.id,
            "line_ids": [
                Command.create(
                    {
                        "indicator_id": indicator.id,
                        "weight": 100 / items,
                        "target": 100,
                        "sequence": index,
                    }
                )
                for index, indicator in enumerate(indicators)
            ],
        }
    )
    return policy, people


def follow_preset_p1(env, policy):
    """Give ``policy`` the deadlines of preset P1 and its fines and rewards,
    active, so that the deadline job and the fines' job have work to do."""
    preset = env.ref("hr_work_plan.preset_policy_p1")
    policy.deadline_ids = [
        Command.create({**values, "policy_id": policy.id})
        for values in preset.deadline_ids.copy_data()
    ]
    if "hr.work.plan.penalty.rule" in env:
        rules = (
            env["hr.work.plan.penalty.rule"]
            .with_context(active_test=False)
            .search([("policy_ids", "=", preset.id)])
        )
        for rule in rules:
            rule.copy(
                {
                    "active": True,
                    "code": f"{rule.code}-{policy.code}",
                    "policy_ids": [Command.set(policy.ids)],
                }
            )


def bare_plan_values(policy, people, date_from, date_to):
    """What generation creates, as plain create values: the floor."""
    template = policy.template_ids
    return [
        {
            "policy_id": policy.id,
            "employee_id": employee.id,
            "department_id": employee.department_id.id,
            "date_from": date_from,
            "date_to": date_to,
            "line_ids": [Command.create(item) for item in template._item_values()],
        }
        for employee in people
    ]


def bare_export(rows):
    """The statistics' cells, written by xlsxwriter from plain values."""
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


class Stages:
    """Times the stages of one size, printing a line each."""

    def __init__(self, env, plans_count):
        self.env, self.plans_count, self.figures = env, plans_count, {}

    def measure(self, label, function):
        env = self.env
        env.flush_all()
        env.invalidate_all()
        queries, start = env.cr.sql_log_count, time.perf_counter()
        result = function()
        env.flush_all()
        seconds = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
        self._print(label, seconds, queries)
        self.figures[label] = (seconds, queries)
        self._track(label)
        return result

    def _track(self, label):
        """Run what Odoo runs at commit — the chatter's tracking of the
        stage's changes, one message a record — on a line of its own."""
        env = self.env
        queries, start = env.cr.sql_log_count, time.perf_counter()
        env.cr.precommit.run()
        env.flush_all()
        queries = env.cr.sql_log_count - queries
        if queries:
            seconds = time.perf_counter() - start
            self._print("  + its chatter tracking", seconds, queries)
            self.figures[f"{label}: tracking"] = (seconds, queries)

    def _print(self, label, seconds, queries):
        per_plan = seconds * 1000 / max(self.plans_count, 1)
        sys.stdout.write(
            f"  {label:<34} {seconds:8.2f} s {queries:8d} queries "
            f"{per_plan:8.2f} ms/plan\n"
        )


def run(env, owners, items):
    policy, people = build_policy(env, owners, items)
    cycle = env["hr.work.plan.cycle"].create(
        {"name": "Month-end", "policy_id": policy.id, "date_from": PERIOD[0]}
    )
    sys.stdout.write(f"{owners} owners, {items} items each\n")
    stages = Stages(env, owners)
    plans = stages.measure(
        "generate plans from the template", cycle.action_generate_plans
    )
    Plan = env["hr.work.plan"].with_context(tracking_disable=True)
    stages.measure(
        "bare ORM create (floor)",
        lambda: Plan.create(bare_plan_values(policy, people, *NEXT_PERIOD)),
    )
    stages.measure("submit all", plans.action_submit)
    stages.measure("approve all", plans.action_approve)
    lines = plans.line_ids
    stages.measure(
        "enter the actuals",
        lambda: [
            lines.filtered(lambda line, rest=rest: line.id % 4 == rest).write(
                {"actual": 70 + 10 * rest}
            )
            for rest in range(4)
        ],
    )
    stages.measure("self-assess all", plans.action_self_assess)
    stages.measure("assess all (scoring)", plans.action_assess)
    stages.measure("deadline job", env["hr.work.plan"]._cron_plan_deadlines)
    stages.measure("close (grades, ranking)", cycle.action_close)
    stages.measure("fines' job", env["hr.work.plan.penalty"]._cron_check_deadlines)
    if "hr.payslip" in env:
        stages.measure(
            "payslip inputs of every owner",
            lambda: env["hr.payslip"]._work_plan_input_values(
                people, *PERIOD, env["hr.payslip"]
            ),
        )
    report = env["report.hr_work_plan_report.cycle_statistics_xlsx"]
    money = report._penalties_by_employee(cycle, plans)
    states = dict(plans._fields["state"]._description_selection(env))
    rows = [report._plan_row(plan, states, money) for plan in plans]
    for attempt in range(1, RUNS + 1):
        stages.measure(f"bare xlsxwriter (run {attempt})", lambda: bare_export(rows))
        stages.measure(
            f"cycle statistics export (run {attempt})",
            lambda: env["ir.actions.report"]._render(REPORT, cycle.ids),
        )
    figures = stages.figures
    return {
        "generate_vs_orm": figures["bare ORM create (floor)"][0]
        / figures["generate plans from the template"][0],
        "close_queries": figures["close (grades, ranking)"][1],
        "cron_queries": figures["deadline job"][1],
        "xlsx_vs_bare": best(figures, "cycle statistics export")
        / best(figures, "bare xlsxwriter"),
    }


def best(figures, label):
    """The best time of the runs of ``label``."""
    return min(
        seconds
        for name, (seconds, _queries) in figures.items()
        if name.startswith(label) and not name.endswith(": tracking")
    )


def payslip_ratio(env):
    """200 payslips with the bridge ÷ without, as bench_payslips.py measures."""
    if "hr.payslip" not in env:
        return None
    import bench_payslips  # noqa: PLC0415 - beside this script, payroll only

    return bench_payslips.run(env, PAYSLIPS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--owners", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    sizes = {}
    for owners in sorted(args.owners):
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            sizes[owners] = run(env, owners, args.items)
            cr.rollback()
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        bridge = payslip_ratio(env)
        cr.rollback()
    smallest, largest = sizes[min(sizes)], sizes[max(sizes)]
    result = {
        "owners": max(sizes),
        "items": args.items,
        "generate_vs_orm": round(largest["generate_vs_orm"], 3),
        "close_queries_ratio": round(
            largest["close_queries"] / max(smallest["close_queries"], 1), 3
        ),
        "cron_queries_ratio": round(
            largest["cron_queries"] / max(smallest["cron_queries"], 1), 3
        ),
        "payslip_bridge_ratio": bridge and round(bridge, 3),
        "xlsx_vs_bare": round(largest["xlsx_vs_bare"], 3),
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
