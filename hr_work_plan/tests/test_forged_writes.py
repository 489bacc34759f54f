# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the workflow decides cannot be forged by create or write, whoever
calls: states, scores, grades, requesters, deadlines, cycles."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


@tagged("post_install", "-at_install")
class TestForgedWrites(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.user_arbiter = cls._user("wp_arbiter", "arbiter")

    def _plan_values(self, **values):
        return {
            "policy_id": self.policy.id,
            "employee_id": self.staff.id,
            "date_from": "2027-01-01",
            "date_to": "2027-01-31",
            **values,
        }

    # ------------------------------------------------------------------
    # 1. plans

    def test_nobody_creates_a_plan_already_decided(self):
        forged = {
            "state": "done",
            "score_final": 100,
            "coefficient": 3,
            "grade_id": self.policy.grade_ids[0].id,
            "submit_deadline": "2027-12-31 00:00:00",
            "rank": 1,
        }
        before = self._count("hr.work.plan")
        for user in (self.user_staff, self.user_officer, self.user_admin):
            for fname, value in forged.items():
                with (
                    self.subTest(user=user.login, field=fname),
                    self.assertRaisesRegex(AccessError, "set by the workflow"),
                ):
                    self.env["hr.work.plan"].with_user(user).create(
                        self._plan_values(**{fname: value})
                    )
        self.assertEqual(self._count("hr.work.plan"), before)

    def test_defaults_in_the_context_do_not_smuggle_workflow_fields(self):
        plan = (
            self.env["hr.work.plan"]
            .with_user(self.user_staff)
            .with_context(
                default_state="done",
                default_score_final=100,
                default_coefficient=3,
                default_note="<p>kept</p>",
            )
            .create(self._plan_values())
        )
        self.assertEqual(
            (plan.state, plan.score_final, plan.coefficient), ("draft", 0, 0)
        )
        self.assertIn("kept", plan.note)

    def test_the_default_state_may_be_sent_back(self):
        plan = (
            self.env["hr.work.plan"]
            .with_user(self.user_staff)
            .create(self._plan_values(state="draft", score_final=0))
        )
        self.assertEqual(plan.state, "draft")

    # ------------------------------------------------------------------
    # 2. and 3. change requests

    def _change_values(self, plan, **values):
        return {
            "plan_id": plan.id,
            "change_type": "postpone",
            "reason": "Client moved the date",
            "line_ids": [
                Command.create(
                    {"plan_line_id": plan.line_ids[0].id, "new_deadline": "2026-12-28"}
                )
            ],
            **values,
        }

    @freeze_time("2026-12-05")
    def test_change_state_and_requester_come_from_the_workflow(self):
        plan = self._approved_plan()
        Change = self.env["hr.work.plan.change"]
        for forged in (
            {"state": "approved"},
            {"requested_by_id": self.user_head.id},
            {"decided_by_id": self.user_head.id},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Change.with_user(self.user_staff).create(
                    self._change_values(plan, **forged)
                )
        self.assertFalse(Change.search([("plan_id", "=", plan.id)]))
        change = Change.with_user(self.user_staff).create(self._change_values(plan))
        self.assertEqual(change.requested_by_id, self.user_staff)
        with self.assertRaises(AccessError):
            change.with_user(self.user_staff).write({"state": "approved"})
        with self.assertRaises(AccessError):
            change.with_user(self.user_staff).write(
                {"requested_by_id": self.user_head.id}
            )
        self.assertEqual(change.state, "draft")

    @freeze_time("2026-12-05")
    def test_an_approved_change_takes_no_new_line(self):
        plan = self._approved_plan()
        change = (
            self.env["hr.work.plan.change"]
            .with_user(self.user_staff)
            .create(self._change_values(plan))
        )
        change.with_user(self.user_staff).action_submit()
        change.with_user(self.user_head).action_approve()
        for user in (self.user_staff, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.env["hr.work.plan.change.line"].with_user(user).create(
                    {
                        "change_id": change.id,
                        "operation": "reweight",
                        "plan_line_id": plan.line_ids[1].id,
                        "new_weight": 10,
                    }
                )
        self.assertEqual(
            self._count("hr.work.plan.change.line", [("change_id", "=", change.id)]), 1
        )

    @freeze_time("2026-12-05")
    def test_change_lines_name_items_of_their_own_plan_only(self):
        plan = self._approved_plan()
        other = self._approved_plan(self.staff2)
        done = self._approved_plan(self.head)
        done.sudo().state = "done"
        for target in (other.line_ids[0], done.line_ids[0]):
            with (
                self.subTest(target=target.plan_id.name),
                self.assertRaisesRegex(ValidationError, "items of that plan"),
            ):
                self.env["hr.work.plan.change"].with_user(self.user_staff).create(
                    {
                        "plan_id": plan.id,
                        "change_type": "reweight",
                        "reason": "Take over the other's item",
                        "line_ids": [
                            Command.create({"plan_line_id": target.id, "new_weight": 1})
                        ],
                    }
                )
        change = (
            self.env["hr.work.plan.change"]
            .with_user(self.user_staff)
            .create(self._change_values(plan))
        )
        with self.assertRaisesRegex(ValidationError, "items of that plan"):
            change.line_ids.with_user(self.user_staff).plan_line_id = done.line_ids[0]
        with self.assertRaises(UserError):
            change.with_user(self.user_staff).plan_id = done
        self.assertEqual(done.line_ids[0].weight, 60)

    def test_changes_are_requested_on_approved_plans_of_the_requester(self):
        draft = self._plan(self.staff, [100])
        approved = self._approved_plan(self.staff2)
        Change = self.env["hr.work.plan.change"].with_user(self.user_staff)
        with self.assertRaisesRegex(UserError, "approved plans"):
            Change.create(self._change_values(draft))
        with self.assertRaises(AccessError):
            Change.create(self._change_values(approved))

    # ------------------------------------------------------------------
    # 4. references to items of other plans

    def test_items_cannot_claim_to_be_carried_from_another_plan(self):
        secret = self._plan(self.staff2, [100])
        plan = self._plan(
            self.staff, [100], date_from="2027-01-01", date_to="2027-01-31"
        )
        Line = self.env["hr.work.plan.line"].with_user(self.user_staff)
        with self.assertRaisesRegex(AccessError, "set by the workflow"):
            Line.create(
                {
                    "plan_id": plan.id,
                    "name": "Copy",
                    "weight": 0,
                    "carried_from_id": secret.line_ids[0].id,
                }
            )
        with self.assertRaisesRegex(AccessError, "set by the workflow"):
            plan.line_ids[0].with_user(
                self.user_staff
            ).carried_from_id = secret.line_ids[0]
        self.assertFalse(plan.line_ids.carried_from_id)

    # ------------------------------------------------------------------
    # 5. appeals

    def test_appeals_are_filed_undecided(self):
        plan = self._assessed_plan()
        Appeal = self.env["hr.work.plan.appeal"].with_user(self.user_staff)
        for forged in (
            {"state": "accepted"},
            {"state": "resolved", "resolution": "Granted"},
            {"revised_score": 100},
            {"decided_by_id": self.user_arbiter.id},
            {"original_score": 100},
            {"filed_on": "2027-12-31 00:00:00"},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Appeal.create({"plan_id": plan.id, "reason": "Unfair", **forged})
        self.assertFalse(
            self.env["hr.work.plan.appeal"].search([("plan_id", "=", plan.id)])
        )
        self.assertEqual(plan.score_final, 78)

    # ------------------------------------------------------------------
    # 8. deadlines, cycle, policy and period of a draft plan

    def _cycle_plan(self):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "December", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        cycle.with_user(self.user_officer).action_generate_plans()
        return cycle.plan_ids.filtered(lambda plan: plan.employee_id == self.staff)

    def test_owner_moves_no_deadline_and_keeps_the_plan_in_its_cycle(self):
        plan = self._cycle_plan()
        other_policy = self.policy.copy({"code": "OTHER"})
        owner = plan.with_user(self.user_staff)
        for forged in (
            {"submit_deadline": "2027-06-30 00:00:00"},
            {"next_deadline": "2027-06-30 00:00:00"},
            {"submit_late": False},
            {"cycle_id": False},
            {"policy_id": other_policy.id},
            {"date_from": "2026-11-01"},
            {"date_to": "2027-01-31"},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                owner.write(forged)
        self.assertTrue(plan.cycle_id)
        self.assertEqual(str(plan.date_from), "2026-12-01")
        owner.note = "<p>Still mine to write</p>"

    def test_plans_of_a_cycle_share_its_policy_and_period(self):
        plan = self._cycle_plan()
        with self.assertRaisesRegex(ValidationError, "of its cycle"):
            self.env["hr.work.plan"].with_user(self.user_staff2).create(
                {
                    "policy_id": self.policy.id,
                    "employee_id": self.staff2.id,
                    "cycle_id": plan.cycle_id.id,
                    "date_from": "2027-03-01",
                    "date_to": "2027-03-31",
                }
            )

    def test_owner_without_a_cycle_still_edits_the_period(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).write(
            {"date_from": "2026-12-02", "date_to": "2026-12-30"}
        )
        self.assertEqual(str(plan.date_to), "2026-12-30")

    # ------------------------------------------------------------------
    # 9. items with the approver's evaluation or of the approver's category

    def test_owner_adds_no_pre_evaluated_item(self):
        plan = self._plan(self.staff, [100])
        Line = self.env["hr.work.plan.line"].with_user(self.user_staff)
        for forged in (
            {"quality": "excellent"},
            {"score_manager": 10},
            {"manager_comment": "Outstanding"},
            {"completion": "done"},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Line.create({"plan_id": plan.id, "name": "New", "weight": 10, **forged})
        self.assertEqual(
            self._count("hr.work.plan.line", [("plan_id", "=", plan.id)]), 1
        )

    def test_owner_adds_no_item_of_the_approvers_category(self):
        plan = self._plan(self.staff, [100])
        with self.assertRaisesRegex(AccessError, "added by the approver"):
            self.env["hr.work.plan.line"].with_user(self.user_staff).create(
                {
                    "plan_id": plan.id,
                    "name": "Self-assigned leader task",
                    "weight": 10,
                    "category_id": self.cat_leader.id,
                }
            )
        with self.assertRaisesRegex(AccessError, "added by the approver"):
            plan.line_ids.with_user(self.user_staff).category_id = self.cat_leader
        self.assertEqual(plan.line_ids.category_id, self.cat_routine)

    # ------------------------------------------------------------------
    # 10. cycles

    def test_officer_closes_a_cycle_only_through_its_button(self):
        cycle = self._cycle_plan().cycle_id
        for forged in ({"state": "closed"}, {"distribution_override": "Because"}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                cycle.with_user(self.user_officer).write(forged)
        with self.assertRaises(AccessError):
            self.env["hr.work.plan.cycle"].with_user(self.user_officer).create(
                {
                    "name": "Closed from the start",
                    "policy_id": self.policy.id,
                    "date_from": "2027-01-01",
                    "state": "closed",
                }
            )
        self.assertEqual(cycle.state, "planning")
        cycle.with_user(self.user_officer).action_start_execution()
        self.assertEqual(cycle.state, "executing")
        with self.assertRaises(AccessError):
            cycle.with_user(self.user_staff).action_start_assessment()
