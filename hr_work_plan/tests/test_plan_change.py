# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPlanChange(WorkPlanCase):
    def _change(
        self, plan, change_type, lines, user=None, reason="Client moved the date"
    ):
        return (
            self.env["hr.work.plan.change"]
            .with_user(user or plan.employee_id.user_id)
            .create(
                {
                    "plan_id": plan.id,
                    "change_type": change_type,
                    "reason": reason,
                    "line_ids": [Command.create(values) for values in lines],
                }
            )
        )

    def _postpone(self, plan, item, new_deadline):
        return self._change(
            plan, "postpone", [{"plan_line_id": item.id, "new_deadline": new_deadline}]
        )

    @freeze_time("2026-12-10")
    def test_postpone_inside_the_window_keeps_history(self):
        plan = self._approved_plan()
        item = plan.line_ids[0]
        change = self._postpone(plan, item, "2026-12-28")
        change.action_submit()
        self.assertEqual(change.state, "submitted")
        self.assertEqual(change.activity_ids.user_id, self.user_head)
        change.with_user(self.user_head).action_approve()
        self.assertEqual(change.state, "approved")
        self.assertEqual(item.deadline, date(2026, 12, 28))
        self.assertEqual(change.line_ids.old_deadline, date(2026, 12, 20))
        self.assertEqual(change.line_ids.new_deadline, date(2026, 12, 28))
        self.assertTrue(item.has_approved_change)
        self.assertIn(
            "“Item 1”: deadline 12/20/2026 → 12/28/2026. Reason",
            plan.message_ids[0].body,
        )

    @freeze_time("2026-12-18")
    def test_change_outside_the_window_is_refused(self):
        plan = self._approved_plan()
        change = self._postpone(plan, plan.line_ids[0], "2026-12-28")
        with self.assertRaisesRegex(UserError, "by 12/17/2026"):
            change.action_submit()
        self.assertEqual(change.state, "draft")
        self.assertEqual(plan.line_ids[0].deadline, date(2026, 12, 20))

    @freeze_time("2026-12-17")
    def test_last_day_of_the_window_is_accepted(self):
        plan = self._approved_plan()
        change = self._postpone(plan, plan.line_ids[0], "2026-12-28")
        change.action_submit()
        self.assertEqual(change.state, "submitted")

    @freeze_time("2026-12-05")
    def test_reweight_must_keep_the_total(self):
        plan = self._approved_plan()
        first, second = plan.line_ids
        broken = self._change(
            plan, "reweight", [{"plan_line_id": first.id, "new_weight": 50}]
        )
        with self.assertRaisesRegex(UserError, "total exactly 100"):
            broken.action_submit()
        change = self._change(
            plan,
            "reweight",
            [
                {"plan_line_id": first.id, "new_weight": 50},
                {"plan_line_id": second.id, "new_weight": 50},
            ],
        )
        change.action_submit()
        change.with_user(self.user_head).action_approve()
        self.assertEqual(plan.line_ids.mapped("weight"), [50, 50])
        self.assertEqual(change.line_ids.mapped("old_weight"), [60, 40])

    @freeze_time("2026-12-05")
    def test_remove_and_add(self):
        plan = self._approved_plan()
        first, second = plan.line_ids
        change = self._change(
            plan,
            "remove",
            [
                {"plan_line_id": first.id},
                {
                    "operation": "add",
                    "new_name": "New priority",
                    "new_weight": 60,
                    "new_category_id": self.cat_routine.id,
                    "new_deadline": "2026-12-24",
                },
            ],
        )
        change.action_submit()
        change.with_user(self.user_head).action_approve()
        self.assertEqual(first.completion, "cancelled")
        added = plan.line_ids - first - second
        self.assertEqual((added.name, added.weight), ("New priority", 60))
        self.assertEqual(change.line_ids[1].plan_line_id, added)
        self.assertEqual(plan.total_weight, 100)

    @freeze_time("2026-12-05")
    def test_refused_change_leaves_the_plan_alone(self):
        plan = self._approved_plan()
        change = self._postpone(plan, plan.line_ids[0], "2026-12-30")
        change.action_submit()
        change.with_user(self.user_head).action_refuse("Not a real reason")
        self.assertEqual(
            (change.state, change.refuse_reason), ("refused", "Not a real reason")
        )
        self.assertEqual(plan.line_ids[0].deadline, date(2026, 12, 20))

    @freeze_time("2026-12-05")
    def test_who_decides(self):
        plan = self._approved_plan()
        change = self._postpone(plan, plan.line_ids[0], "2026-12-30")
        change.action_submit()
        with self.assertRaises(UserError):
            change.with_user(self.user_staff).action_approve()
        with self.assertRaises(AccessError):
            change.with_user(self.user_other).action_approve()
        with self.assertRaises(UserError):
            change.with_user(self.user_staff).write({"reason": "Changed my mind"})
        self.assertEqual(change.state, "submitted")

    def test_reason_is_required(self):
        plan = self._approved_plan()
        with self.assertRaisesRegex(UserError, "needs a reason"):
            self._change(plan, "postpone", [], reason=" ")

    def test_changes_only_on_plans_being_carried_out(self):
        plan = self._plan(self.staff, [100])
        with self.assertRaisesRegex(UserError, "approved plans"):
            self._postpone(plan, plan.line_ids, "2026-12-30")
        self.assertFalse(
            self.env["hr.work.plan.change"].search([("plan_id", "=", plan.id)])
        )

    @freeze_time("2026-12-05")
    def test_unfinished_items_without_change_are_flagged(self):
        plan = self._approved_plan()
        first, second = plan.line_ids
        change = self._postpone(plan, first, "2026-12-30")
        change.action_submit()
        change.with_user(self.user_head).action_approve()
        self._report(plan, "not_done", "partial")
        self.assertFalse(first.unfinished_without_change)
        self.assertTrue(second.unfinished_without_change)
        self.assertEqual(plan.unfinished_count, 1)

    def test_the_form_shows_what_each_operation_is_about(self):
        plan = self._approved_plan()
        item = plan.line_ids[0]
        form = Form(self.env["hr.work.plan.change"].with_user(self.user_staff))
        form.plan_id = plan
        form.change_type = "postpone"
        form.reason = "Client moved the date"
        shown = {
            "postpone": {"plan_line_id": item, "new_deadline": date(2026, 12, 28)},
            "reweight": {"plan_line_id": item, "new_weight": 50},
            "remove": {"plan_line_id": item},
            "add": {"new_name": "Trade fair", "new_weight": 10},
        }
        hidden = {
            "postpone": ("new_name", "new_weight"),
            "reweight": ("new_name", "new_deadline"),
            "remove": ("new_name", "new_deadline", "new_weight"),
            "add": ("plan_line_id",),
        }
        for operation, values in shown.items():
            with self.subTest(operation=operation), form.line_ids.new() as line:
                line.operation = operation
                for fname in hidden[operation]:
                    with self.assertRaisesRegex(AssertionError, "invisible"):
                        setattr(line, fname, False)
                for fname, value in values.items():
                    setattr(line, fname, value)
        with form.line_ids.new() as line:
            line.operation = "modify"
            line.plan_line_id = item
            line.new_name = "Item 1, in two parts"
            line.new_deadline = date(2026, 12, 28)
            line.new_weight = 60

    @freeze_time("2026-12-05")
    def test_carried_over_items_keep_their_approved_new_deadline(self):
        plan = self._approved_plan(weights=(50, 30, 20))
        first, second, third = plan.line_ids
        change = self._change(
            plan,
            "postpone",
            [
                {"plan_line_id": first.id, "new_deadline": "2027-01-15"},
                {"plan_line_id": second.id, "new_deadline": "2026-12-28"},
            ],
        )
        change.action_submit()
        change.with_user(self.user_head).action_approve()
        self._report(plan, "not_done", "partial", "not_done")
        # a draft's deadlines were never approved
        draft = self._plan(self.staff2, [100])
        draft.line_ids.sudo().deadline = "2027-01-10"
        january = self.env["hr.work.plan.cycle"].create(
            {"name": "2027-01", "policy_id": self.policy.id, "date_from": "2027-01-01"}
        )
        plans = january.with_user(self.user_officer).action_generate_plans()
        carried = plans.filtered(lambda new: new.employee_id == self.staff).line_ids
        self.assertEqual(carried.carried_from_id, first | second | third)
        deadlines = {line.carried_from_id: line.deadline for line in carried}
        # postponed into the new period: kept; still in the old one: for
        # the owner to set again
        self.assertEqual(
            deadlines, {first: date(2027, 1, 15), second: False, third: False}
        )
        drafted = plans.filtered(lambda new: new.employee_id == self.staff2).line_ids
        self.assertEqual(drafted.carried_from_id, draft.line_ids)
        self.assertFalse(drafted.deadline)
