# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common import WorkPlanCase

# What Odoo's mail costs for one plan's notice with someone to tell: the
# message and its recipients, their lookup, the mail and its notification.
NOTICE_QUERIES = 9
# What Odoo's mail costs for the mail of a to-do assigned to someone, for the
# steps that send no notice of their own.
TODO_MAIL_QUERIES = 13


@tagged("post_install", "-at_install")
class TestBulkActionQueries(WorkPlanCase):
    """Steps taken on many plans at once from a list cost a fixed number of
    queries, plus, for the steps that notify someone, that person's notice."""

    def _plans(self, owners):
        department, employees = self._team(
            f"Bulk {owners}", f"Bulk owner {owners}", owners
        )
        policy = self.policy.copy(
            {"code": f"BULK{owners}", "department_ids": [Command.set(department.ids)]}
        )
        plans = self.env["hr.work.plan"]
        for employee in employees:
            plans |= self._plan(employee, [60, 40], policy=policy)
        return plans.with_user(self.user_officer)

    def _queries(self, plans, method):
        self.env.flush_all()
        self.env.invalidate_all()
        plans = plans.browse(plans.ids)
        before = self.env.cr.sql_log_count
        getattr(plans, method)()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _report_all(self, plans):
        plans.sudo().line_ids.write({"completion": "done", "score_self": 30})

    def _score_all(self, plans):
        plans.sudo().line_ids.write({"score_manager": 30})

    def test_each_step_on_many_plans(self):
        few, many = self._plans(4), self._plans(24)
        added = len(many) - len(few)
        steps = [
            ("action_submit", None, NOTICE_QUERIES),
            ("action_approve", None, NOTICE_QUERIES),
            ("action_self_assess", self._report_all, TODO_MAIL_QUERIES),
            ("action_assess", self._score_all, 0),
            ("action_done", None, 0),
        ]
        for method, prepare, per_plan in steps:
            with self.subTest(step=method):
                if prepare:
                    prepare(few)
                    prepare(many)
                for_few = self._queries(few, method)
                for_many = self._queries(many, method)
                self.assertLessEqual(
                    for_many,
                    for_few + added * per_plan + 2,
                    f"{len(few)} plans: {for_few} queries, {len(many)}: {for_many}",
                )
