"""The guards hold through the web client's JSON-RPC endpoint as they do in
Python: one attempt per family of forgery, through ``/web/dataset/call_kw``."""

import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase
from odoo.addons.hr_work_plan.tests.test_plan_scoring import (
    TRADE_GRADES,
    grade_commands,
)


@tagged("post_install", "-at_install")
class TestRpcGuards(WorkPlanCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)

    def _call(self, login, model, method, *args, **kwargs):
        """The JSON-RPC reply of ``model.method(*args, **kwargs)`` as ``login``."""
        self.authenticate(login, login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def assertRefused(self, reply, exception, message=""):
        self.assertIn("error", reply, f"the call succeeded: {reply.get('result')}")
        data = reply["error"]["data"]
        self.assertEqual(data["name"], f"odoo.exceptions.{exception}")
        self.assertIn(message, data["message"])

    def test_plans(self):
        before = self._count("hr.work.plan")
        values = {
            "policy_id": self.policy.id,
            "employee_id": self.staff.id,
            "date_from": "2027-01-01",
            "date_to": "2027-01-31",
        }
        self.assertRefused(
            self._call(
                "wp_staff",
                "hr.work.plan",
                "create",
                [{**values, "state": "done", "score_final": 100, "coefficient": 3}],
            ),
            "AccessError",
            "set by the workflow",
        )
        self.assertEqual(self._count("hr.work.plan"), before)
        plan = self._plan(self.staff, [100])
        self.assertRefused(
            self._call(
                "wp_staff",
                "hr.work.plan",
                "write",
                plan.ids,
                {"submit_deadline": "2030-01-01 00:00:00"},
            ),
            "AccessError",
        )
        self._call("wp_staff", "hr.work.plan", "action_submit", plan.ids)
        self.assertRefused(
            self._call("wp_head", "hr.work.plan", "action_reject", plan.ids, 123),
            "UserError",
            "reason is a text",
        )
        self.assertEqual(plan.state, "submitted")

    def test_items(self):
        plan = self._plan(self.staff, [100])
        for value in (float("nan"), float("inf"), 1e308):
            with self.subTest(value=value):
                self.assertRefused(
                    self._call(
                        "wp_staff",
                        "hr.work.plan.line",
                        "write",
                        plan.line_ids.ids,
                        {"weight": value},
                    ),
                    "ValidationError",
                )
        self.assertRefused(
            self._call(
                "wp_staff",
                "hr.work.plan.line",
                "create",
                [
                    {
                        "plan_id": plan.id,
                        "name": "Pre-scored",
                        "weight": 20,
                        "score_manager": 10,
                    }
                ],
            ),
            "AccessError",
        )
        self.assertEqual(plan.line_ids.weight, 100)

    def test_changes(self):
        plan = self._approved_plan()
        other = self._approved_plan(self.staff2)
        change = {
            "plan_id": plan.id,
            "change_type": "reweight",
            "reason": "More work",
            "line_ids": [
                Command.create({"plan_line_id": plan.line_ids[0].id, "new_weight": 60})
            ],
        }
        self.assertRefused(
            self._call(
                "wp_staff",
                "hr.work.plan.change",
                "create",
                [{**change, "state": "approved"}],
            ),
            "AccessError",
        )
        foreign = {
            **change,
            "line_ids": [
                Command.create({"plan_line_id": other.line_ids[0].id, "new_weight": 1})
            ],
        }
        self.assertRefused(
            self._call("wp_staff", "hr.work.plan.change", "create", [foreign]),
            "ValidationError",
            "items of that plan",
        )
        self.assertFalse(
            self._count("hr.work.plan.change", [("plan_id", "=", plan.id)])
        )

    def test_appeals(self):
        plan = self._assessed_plan(weights=(100,), scores=(70,))
        self.assertRefused(
            self._call(
                "wp_staff",
                "hr.work.plan.appeal",
                "create",
                [
                    {
                        "plan_id": plan.id,
                        "reason": "Unfair",
                        "state": "resolved",
                        "revised_score": 100,
                    }
                ],
            ),
            "AccessError",
        )
        self.assertFalse(
            self._count("hr.work.plan.appeal", [("plan_id", "=", plan.id)])
        )
        self.assertEqual(plan.score_final, 70)

    def test_cycles_and_configuration(self):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "December", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        self.assertRefused(
            self._call(
                "wp_officer",
                "hr.work.plan.cycle",
                "write",
                cycle.ids,
                {"state": "closed"},
            ),
            "AccessError",
        )
        self.assertEqual(cycle.state, "draft")
        grade = self.policy.grade_ids[0]
        self.assertRefused(
            self._call(
                "wp_admin",
                "hr.work.plan.grade",
                "write",
                grade.ids,
                {"coefficient": float("nan")},
            ),
            "ValidationError",
        )
        self.assertEqual(grade.coefficient, 1.3)

    def test_fines(self):
        officer = self.env["hr.employee"].create(
            {"name": "Officer", "user_id": self.user_officer.id}
        )
        self.assertRefused(
            self._call(
                "wp_officer",
                "hr.work.plan.penalty",
                "create",
                [
                    {
                        "employee_id": officer.id,
                        "kind": "fine",
                        "amount": 50,
                        "reason": "x",
                    }
                ],
            ),
            "AccessError",
            "your own",
        )
        self.assertFalse(
            self._count("hr.work.plan.penalty", [("employee_id", "=", officer.id)])
        )

    def test_approval_rows(self):
        self.policy.route_step_ids = [
            Command.create({"name": "Head", "approver_type": "direct_manager"}),
            Command.create({"name": "Director", "approver_type": "second_manager"}),
        ]
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        rows = plan.approval_ids.sorted("sequence")
        self.assertRefused(
            self._call(
                "wp_head",
                "hr.work.plan.approval",
                "write",
                rows.ids,
                {"state": "approved"},
            ),
            "AccessError",
        )
        self.assertRefused(
            self._call(
                "wp_director",
                "hr.work.plan.approval",
                "create",
                [
                    {
                        "plan_id": plan.id,
                        "step_id": rows[1].step_id.id,
                        "state": "approved",
                    }
                ],
            ),
            "AccessError",
        )
        self.assertRefused(
            self._call("wp_director", "hr.work.plan", "action_approve", plan.ids),
            "UserError",
            "no step to decide",
        )
        self.assertEqual(rows.mapped("state"), ["pending", "waiting"])
        self.assertNotIn(
            "error", self._call("wp_head", "hr.work.plan", "action_approve", plan.ids)
        )
        self.assertEqual(rows.mapped("state"), ["approved", "pending"])
        self.assertEqual(plan.state, "submitted")
