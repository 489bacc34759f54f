# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestApprovalRoutes(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gm_office = cls.env["res.groups"].create(
            {
                "name": "GM office",
                "users": [
                    Command.set(
                        (cls.user_director | cls.user_other | cls.user_admin).ids
                    )
                ],
            }
        )

    def _route(self, *steps):
        """The test policy with a plan route of ``steps``: (approver type,
        mode, extra values)."""
        self.policy.route_step_ids = [
            Command.create(
                {
                    "name": f"Step {index}",
                    "sequence": index,
                    "approver_type": approver_type,
                    "mode": mode,
                    **values,
                }
            )
            for index, (approver_type, mode, values) in enumerate(steps, start=1)
        ]

    def _submitted(self, employee=None):
        employee = employee or self.staff
        plan = self._plan(employee, [60, 40])
        plan.with_user(employee.user_id).action_submit()
        return plan

    def _rows(self, plan, round_=1):
        return plan.approval_ids.filtered(lambda row: row.round == round_).sorted(
            lambda row: (row.sequence, row.user_id.id)
        )

    def _todo_users(self, plan):
        return plan.activity_ids.filtered(
            lambda activity: activity.activity_type_id
            == self.env.ref("hr_work_plan.mail_activity_type_work_plan")
        ).user_id

    def test_a_policy_without_steps_keeps_its_single_approver(self):
        plan = self._submitted()
        self.assertFalse(plan.approval_ids)
        plan.with_user(self.user_head).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_three_steps_in_order(self):
        self._route(
            ("direct_manager", "any", {}),
            ("second_manager", "any", {}),
            ("user", "any", {"user_id": self.user_other.id}),
        )
        plan = self._submitted()
        rows = self._rows(plan)
        self.assertEqual(
            rows.user_id, self.user_head | self.user_director | self.user_other
        )
        self.assertEqual(rows.mapped("state"), ["pending", "waiting", "waiting"])
        self.assertEqual(self._todo_users(plan), self.user_head)
        with self.assertRaisesRegex(UserError, "no step to decide"):
            plan.with_user(self.user_director).action_approve()
        plan.with_user(self.user_head).action_approve()
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(rows.mapped("state"), ["approved", "pending", "waiting"])
        self.assertEqual(self._todo_users(plan), self.user_director)
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.user_other).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(rows.mapped("state"), ["approved"] * 3)
        self.assertEqual(rows.decided_by_id, rows.user_id)
        self.assertNotIn(self.user_other, self._todo_users(plan))

    def test_all_of_a_group_one_refusal_refuses(self):
        self._route(("group", "all", {"group_id": self.gm_office.id}))
        plan = self._submitted()
        rows = self._rows(plan)
        self.assertEqual(len(rows), 3)
        self.assertEqual(
            self._todo_users(plan),
            self.user_director | self.user_other | self.user_admin,
        )
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.user_other).action_reject("Targets too low")
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.reject_reason, "Targets too low")
        by_user = {row.user_id: row for row in rows}
        self.assertEqual(by_user[self.user_director].state, "approved")
        self.assertEqual(by_user[self.user_other].state, "refused")
        self.assertEqual(by_user[self.user_other].comment, "Targets too low")
        self.assertEqual(by_user[self.user_admin].state, "cancelled")

    def test_any_of_a_group_one_decides(self):
        self._route(("group", "any", {"group_id": self.gm_office.id}))
        plan = self._submitted()
        plan.with_user(self.user_other).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(
            sorted(self._rows(plan).mapped("state")), ["approved", "skipped", "skipped"]
        )

    def test_reject_and_resubmit_keep_the_first_round(self):
        self._route(("direct_manager", "any", {}), ("second_manager", "any", {}))
        plan = self._submitted()
        plan.with_user(self.user_head).action_reject("Redo item 2")
        self.assertEqual(self._rows(plan).mapped("state"), ["refused", "cancelled"])
        plan.with_user(self.user_staff).action_submit()
        self.assertEqual(self._rows(plan).mapped("state"), ["refused", "cancelled"])
        self.assertEqual(self._rows(plan, 2).mapped("state"), ["pending", "waiting"])

    def test_an_owner_never_decides_their_own_plan(self):
        self._route(("user", "any", {"user_id": self.user_staff.id}))
        plan = self._submitted()
        self.assertEqual(self._rows(plan).user_id, self.user_head)

    def test_nobody_is_asked_twice(self):
        self._route(
            ("user", "any", {"user_id": self.user_staff.id}),
            ("direct_manager", "any", {}),
            ("second_manager", "any", {}),
        )
        plan = self._submitted()
        rows = self._rows(plan)
        self.assertEqual(rows.user_id, self.user_head | self.user_director)
        self.assertEqual(rows.step_id.mapped("name"), ["Step 1", "Step 3"])
        self.assertEqual(rows.mapped("sequence"), [0, 1])

    def test_a_step_nobody_decides_is_refused_at_submit(self):
        empty = self.env["res.groups"].create({"name": "Nobody"})
        self._route(
            ("direct_manager", "any", {}),
            ("group", "any", {"group_id": empty.id, "name": "GM office filing"}),
        )
        plan = self._plan(self.staff, [60, 40])
        with self.assertRaisesRegex(UserError, "GM office filing"):
            plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.approval_ids)

    def test_a_delegate_decides_inside_the_dates_only(self):
        self._route(("direct_manager", "any", {}))
        plan = self._submitted()
        Delegation = self.env["hr.work.plan.delegation"].with_user(self.user_head)
        later = Delegation.create(
            {
                "delegate_id": self.user_staff2.id,
                "date_from": date(2026, 12, 1),
                "date_to": date(2026, 12, 31),
            }
        )
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff2).read(["name"])
        later.date_from = date(2026, 11, 1)
        self.assertEqual(plan.with_user(self.user_staff2).name, plan.name)
        self.assertTrue(
            self.env["hr.work.plan.approval"]
            .with_user(self.user_staff2)
            .search([("state", "=", "pending"), ("decidable_by_me", "=", True)])
        )
        plan.with_user(self.user_staff2).action_approve()
        self.assertEqual(plan.state, "approved")
        row = self._rows(plan)
        self.assertEqual(row.decided_by_id, self.user_staff2)
        self.assertEqual(row.delegated_from_id, self.user_head)
        with self.assertRaises(AccessError):
            Delegation.with_user(self.user_staff2).create(
                {
                    "user_id": self.user_head.id,
                    "delegate_id": self.user_staff2.id,
                    "date_to": date(2026, 12, 31),
                }
            )

    def test_a_pending_step_is_forwarded_with_a_reason(self):
        self._route(("direct_manager", "any", {}))
        plan = self._submitted()
        row = self._rows(plan)
        with self.assertRaisesRegex(UserError, "does not wait for your decision"):
            row.with_user(self.user_staff2).action_open_forward_wizard()
        with self.assertRaisesRegex(UserError, "may not decide"):
            row.with_user(self.user_head)._forward(self.user_staff, "Away")
        wizard = (
            self.env["hr.work.plan.forward.wizard"]
            .with_user(self.user_head)
            .create(
                {
                    "approval_id": row.id,
                    "user_id": self.user_staff2.id,
                    "reason": "On leave next week",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(row.state, "skipped")
        self.assertIn("On leave next week", row.comment)
        self.assertEqual(self._todo_users(plan), self.user_staff2)
        plan.with_user(self.user_staff2).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(self._rows(plan).mapped("state"), ["skipped", "approved"])

    def test_an_officer_forwards_a_step_whose_approver_is_away(self):
        self._route(("direct_manager", "any", {}))
        plan = self._submitted()
        row = self._rows(plan)
        with self.assertRaisesRegex(UserError, "no step to decide"):
            plan.with_user(self.user_officer).action_approve()
        row.with_user(self.user_officer)._forward(self.user_director, "Head on leave")
        self.assertEqual(row.decided_by_id, self.user_officer)
        self.assertFalse(row.delegated_from_id)
        self.assertEqual(self._todo_users(plan), self.user_director)
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")
        with self.assertRaisesRegex(UserError, "does not wait for your decision"):
            row.with_user(self.user_officer)._forward(self.user_other, "Again")

    def test_nobody_writes_the_rows(self):
        self._route(("direct_manager", "any", {}))
        plan = self._submitted()
        row = self._rows(plan)
        Approval = self.env["hr.work.plan.approval"]
        for user in (self.user_head, self.user_staff, self.user_officer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    row.with_user(user).write({"state": "approved"})
                with self.assertRaises(AccessError):
                    Approval.with_user(user).create(
                        {
                            "plan_id": plan.id,
                            "step_id": row.step_id.id,
                            "state": "approved",
                        }
                    )
                with self.assertRaises(AccessError):
                    row.with_user(user).unlink()
        self.assertEqual(row.state, "pending")

    def test_bulk_lists_the_plans_left_alone(self):
        self._route(("direct_manager", "any", {}))
        mine = self._submitted()
        theirs = self._submitted(self.staff2)
        theirs_row = self._rows(theirs)
        theirs_row.sudo().user_id = self.user_director
        result = (mine | theirs).with_user(self.user_head).action_approve()
        self.assertEqual(mine.state, "approved")
        self.assertEqual(theirs.state, "submitted")
        self.assertIn(theirs.display_name, result["params"]["message"])

    def test_bulk_refusal_lists_the_plans_left_alone(self):
        self._route(("direct_manager", "any", {}))
        mine = self._submitted()
        theirs = self._submitted(self.staff2)
        self._rows(theirs).sudo().user_id = self.user_director
        with self.assertRaisesRegex(UserError, "no step to decide"):
            theirs.with_user(self.user_head).action_open_reject_wizard()
        action = (mine | theirs).with_user(self.user_head).action_open_reject_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_head)
            .with_context(**action["context"])
            .create({"reason": "Targets too vague"})
        )
        result = wizard.action_confirm()
        self.assertEqual(mine.state, "draft")
        self.assertEqual(theirs.state, "submitted")
        self.assertIn(theirs.display_name, result["params"]["message"])

    def _queries_to_approve(self, owners):
        department, employees = self._team(
            f"Route {owners}", f"Routed {owners}", owners
        )
        self.policy.department_ids = [Command.link(department.id)]
        plans = self.env["hr.work.plan"]
        for employee in employees:
            plans |= self._plan(employee, [60, 40])
        plans.sudo().action_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        plans = plans.with_user(self.user_head).browse(plans.ids)
        before = self.env.cr.sql_log_count
        plans.action_approve()
        self.env.flush_all()
        self.assertEqual(set(plans.mapped("state")), {"submitted"})
        return self.env.cr.sql_log_count - before

    def test_bulk_approval_queries_do_not_grow_with_plans(self):
        self._route(("direct_manager", "any", {}), ("second_manager", "any", {}))
        few = self._queries_to_approve(10)
        many = self._queries_to_approve(200)
        self.assertLessEqual(many, few + 10, f"10 plans: {few} queries, 200: {many}")


@tagged("post_install", "-at_install")
class TestChangeRoutes(WorkPlanCase):
    @freeze_time("2026-12-10")
    def test_a_change_counts_once_its_route_signs_it(self):
        self.policy.route_step_ids = [
            Command.create(
                {"name": "Head", "stage": "change", "approver_type": "direct_manager"}
            ),
            Command.create(
                {
                    "name": "Deputy GM",
                    "stage": "change",
                    "sequence": 20,
                    "approver_type": "user",
                    "user_id": self.user_other.id,
                }
            ),
        ]
        plan = self._approved_plan()
        self.assertFalse(plan.approval_ids, "the plan itself has no route")
        change = self._postpone(plan)
        rows = change.approval_ids.sorted("sequence")
        self.assertEqual(rows.user_id, self.user_head | self.user_other)
        self.assertEqual(change.activity_ids.user_id, self.user_head)
        self.assertFalse(change.with_user(self.user_other).can_decide)
        change.with_user(self.user_head).action_approve()
        self.assertEqual(change.state, "submitted")
        self.assertEqual(plan.line_ids[0].deadline, date(2026, 12, 20))
        self.assertTrue(change.with_user(self.user_other).can_decide)
        change.with_user(self.user_other).action_approve()
        self.assertEqual(change.state, "approved")
        self.assertEqual(plan.line_ids[0].deadline, date(2026, 12, 28))

    @freeze_time("2026-12-10")
    def test_a_refused_step_refuses_the_change(self):
        self.policy.route_step_ids = [
            Command.create(
                {"name": "Head", "stage": "change", "approver_type": "direct_manager"}
            ),
        ]
        change = self._postpone(self._approved_plan())
        change.with_user(self.user_head).action_refuse("Keep the date")
        self.assertEqual(change.state, "refused")
        self.assertEqual(change.refuse_reason, "Keep the date")
        self.assertEqual(change.approval_ids.state, "refused")


@tagged("post_install", "-at_install")
class TestAssessmentReview(WorkPlanCase):
    """P10 and 配送: the direct superior rates first, the next level reviews."""

    def setUp(self):
        super().setUp()
        self.policy.route_step_ids = [
            Command.create(
                {
                    "name": "Next level reviews",
                    "stage": "assessment",
                    "approver_type": "second_manager",
                }
            )
        ]
        self.plan = self._plan(self.staff, [100])
        self._self_assessed_past_the_workflow(self.plan, 80)
        self.plan.with_user(self.user_head).action_assess()

    def test_the_approver_assesses_and_the_next_level_confirms(self):
        plan = self.plan
        self.assertEqual(plan.state, "self_assessed")
        self.assertTrue(plan.under_review)
        self.assertIn(plan, plan.search([("under_review", "=", True)]))
        self.assertEqual(plan.approval_ids.user_id, self.user_director)
        self.assertEqual(plan.approval_ids.stage, "assessment")
        self.assertEqual(plan.activity_ids.user_id, self.user_director)
        self.assertFalse(plan.with_user(self.user_head).can_act)
        self.assertTrue(plan.with_user(self.user_director).can_act)
        with self.assertRaisesRegex(UserError, "being reviewed"):
            plan.line_ids.with_user(self.user_head).score_manager = 100
        with self.assertRaisesRegex(UserError, "being reviewed"):
            plan.with_user(self.user_head).action_assess()
        with self.assertRaisesRegex(UserError, "no step to decide"):
            plan.with_user(self.user_head).action_approve()
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "assessed")
        self.assertEqual(plan.score_final, 80)
        self.assertFalse(plan.review_reason)
        self.assertFalse(plan.activity_ids)

    def test_the_review_changes_the_score_with_a_reason(self):
        plan = self.plan
        reviewer = plan.with_user(self.user_director)
        with self.assertRaisesRegex(UserError, "reason"):
            reviewer.action_review_scores(65, " ")
        with self.assertRaisesRegex(ValidationError, "Reviewed Score"):
            reviewer.action_review_scores(1000, "Too high")
        with self.assertRaisesRegex(UserError, "number"):
            reviewer.action_review_scores("65", "Too high")
        with self.assertRaisesRegex(UserError, "no step to decide"):
            plan.with_user(self.user_head).action_review_scores(90, "Mine")
        for user in (self.user_director, self.user_officer):
            with self.assertRaises(UserError):
                plan.with_user(user).write({"score_reviewed": 65})
        wizard = reviewer.action_open_review_wizard()
        self.assertEqual(wizard["context"]["default_revised_score"], 80)
        reviewer.action_review_scores(65, "Item 1 was late")
        self.assertEqual(plan.state, "assessed")
        self.assertEqual(plan.score_manager, 80, "the approver's score stays")
        self.assertEqual(plan.score_reviewed, 65)
        self.assertEqual(plan.score_final, 65)
        self.assertEqual(plan.approval_ids.state, "approved")
        self.assertEqual(plan.approval_ids.comment, "Item 1 was late")
        self.flush_tracking()
        tracked = plan.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name in ("score_reviewed", "review_reason")
        )
        self.assertEqual(len(tracked), 2)

    def test_a_refused_review_goes_back_to_the_approver(self):
        plan = self.plan
        plan.with_user(self.user_director).action_reject("Score item 1 again")
        self.assertEqual(plan.state, "self_assessed")
        self.assertFalse(plan.under_review)
        self.assertEqual(plan.approval_ids.state, "refused")
        self.assertEqual(plan.activity_ids.user_id, self.user_head)
        self.assertIn("Score item 1 again", plan.message_ids[0].body)
        plan.line_ids.with_user(self.user_head).score_manager = 70
        plan.with_user(self.user_head).action_assess()
        second = plan.approval_ids.filtered(lambda row: row.round == 2)
        self.assertEqual(second.state, "pending")
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.score_final, 70)

    def test_a_review_by_the_direct_manager_passes_to_the_next_level(self):
        self.policy.route_step_ids.approver_type = "direct_manager"
        plan = self._plan(self.staff2, [100])
        self._self_assessed_past_the_workflow(plan, 90)
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.approval_ids.user_id, self.user_director)

    def test_a_cancelled_plan_closes_its_rows(self):
        plan = self._plan(self.staff2, [60, 40])
        self.policy.route_step_ids.stage = "plan"
        plan.with_user(self.user_staff2).action_submit()
        plan.with_user(self.user_officer).action_cancel()
        self.assertEqual(plan.approval_ids.mapped("state"), ["cancelled"])
        self.assertFalse(
            self.env["hr.work.plan.approval"]
            .with_user(self.user_director)
            .search(
                [
                    ("plan_id", "=", plan.id),
                    ("decidable_by_me", "=", True),
                    ("state", "=", "pending"),
                ]
            )
        )


@tagged("post_install", "-at_install")
class TestResultSignoff(WorkPlanCase):
    def test_close_waits_for_the_signers(self):
        from .test_plan_scoring import TRADE_GRADES, grade_commands  # noqa: PLC0415

        self.policy.grade_ids = grade_commands(TRADE_GRADES)
        self.policy.route_step_ids = [
            Command.create(
                {
                    "name": "Leader in charge",
                    "stage": "result",
                    "approver_type": "user",
                    "user_id": self.user_director.id,
                }
            ),
            Command.create(
                {
                    "name": "Office",
                    "stage": "result",
                    "sequence": 20,
                    "approver_type": "user",
                    "user_id": self.user_admin.id,
                }
            ),
        ]
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        plans = cycle.with_user(self.user_officer).action_generate_plans()
        for plan in plans:
            self._self_assessed_past_the_workflow(plan, 80)
        plans.sudo().action_assess()
        cycle.state = "assessing"
        officer_cycle = cycle.with_user(self.user_officer)
        self.assertEqual(cycle.signoff_state, "to_request")
        with self.assertRaisesRegex(UserError, "not signed off"):
            officer_cycle.action_close()
        officer_cycle.action_request_signoff()
        self.assertEqual(cycle.signoff_state, "open")
        self.assertEqual(cycle.activity_ids.user_id, self.user_director)
        with self.assertRaisesRegex(UserError, "no step to decide"):
            cycle.with_user(self.user_admin).action_approve()
        cycle.with_user(self.user_director).action_approve()
        with self.assertRaisesRegex(UserError, "not signed off"):
            officer_cycle.action_close()
        cycle.with_user(self.user_admin).action_reject("Recheck sales")
        self.assertEqual(cycle.signoff_state, "refused")
        officer_cycle.action_request_signoff()
        cycle.with_user(self.user_director).action_approve()
        cycle.with_user(self.user_admin).action_approve()
        self.assertEqual(cycle.signoff_state, "signed")
        officer_cycle.action_close()
        self.assertEqual(cycle.state, "closed")
        self.assertEqual(
            cycle.approval_ids.filtered(lambda row: row.round == 1).mapped("state"),
            ["approved", "refused"],
        )
