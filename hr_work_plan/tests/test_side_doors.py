# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Side doors: nested commands, context defaults, references into other
plans and companies, onchange, chatter authors, extreme values."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


@tagged("post_install", "-at_install")
class TestSideDoors(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write(
            {
                "grade_ids": grade_commands(TRADE_GRADES),
                "rater_ids": [
                    Command.create({"role": "direct_manager", "weight": 70}),
                    Command.create({"role": "second_manager", "weight": 30}),
                ],
            }
        )

    def _self_assessed_plan(self, employee=None):
        plan = self._approved_plan(employee, weights=(60, 40))
        self._report(plan, "done", "not_done")
        plan.with_user(plan.employee_id.user_id).action_self_assess()
        return plan

    def test_the_review_score_carries_nothing_else_past_the_rules(self):
        plan = self._self_assessed_plan()
        item = plan.line_ids[1]
        director = plan.with_user(self.user_director)
        for nested in (
            {"line_ids": [Command.update(item.id, {"weight": 90})]},
            {"line_ids": [Command.delete(item.id)]},
            {
                "rating_ids": [
                    Command.create({"role": "peer", "score": 1e6, "rater_id": 1})
                ]
            },
            {
                "change_ids": [
                    Command.create(
                        {"change_type": "remove", "reason": "x", "state": "approved"}
                    )
                ]
            },
        ):
            with (
                self.subTest(nested=list(nested)),
                self.assertRaises(AccessError),
            ):
                director.write({"score_review": 50, **nested})
        self.assertEqual((item.weight, item.completion), (40, "not_done"))
        self.assertEqual(plan.score_review, 0)
        director.score_review = 50
        self.assertEqual(
            (plan.score_review, plan.reviewer_id), (50, self.user_director)
        )

    def test_context_defaults_fill_in_no_evaluation_or_report(self):
        draft = self._plan(self.staff, [100])
        item = (
            self.env["hr.work.plan.line"]
            .with_user(self.user_staff)
            .with_context(
                default_quality="excellent",
                default_score_manager=10,
                default_manager_comment="perfect",
                default_completion="done",
                default_score_self=10,
            )
            .create({"plan_id": draft.id, "name": "New", "weight": 10})
        )
        self.assertEqual(
            (item.quality, item.score_manager, item.manager_comment, item.completion),
            (False, 0, False, False),
        )
        plan = (
            self.env["hr.work.plan"]
            .with_user(self.user_staff)
            .with_context(default_manager_comment="great", default_score_review=88)
            .create(
                {
                    "policy_id": self.policy.id,
                    "employee_id": self.staff.id,
                    "date_from": "2027-01-01",
                    "date_to": "2027-01-31",
                }
            )
        )
        self.assertEqual((plan.manager_comment, plan.score_review), (False, 0))

    def test_an_owner_creates_an_unevaluated_plan_of_their_own_department(self):
        Plan = self.env["hr.work.plan"].with_user(self.user_staff)
        values = {
            "policy_id": self.policy.id,
            "employee_id": self.staff.id,
            "date_from": "2027-02-01",
            "date_to": "2027-02-28",
        }
        for forged in (
            {"manager_comment": "Outstanding"},
            {"self_comment": "Done already"},
            {"score_review": 99},
            {"department_id": self.other_department.id},
            {"owner_type": "department", "department_id": self.other_department.id},
            {"owner_type": "department", "department_id": self.department.id},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Plan.create({**values, **forged})
        self.assertFalse(
            self.env["hr.work.plan"].search(
                [("date_from", "=", "2027-02-01"), ("employee_id", "=", self.staff.id)]
            )
        )
        head_plan = (
            self.env["hr.work.plan"]
            .with_user(self.user_head)
            .create(
                {
                    **values,
                    "employee_id": self.head.id,
                    "owner_type": "department",
                    "department_id": self.department.id,
                }
            )
        )
        self.assertEqual(head_plan.approver_id, self.director)

    def test_a_plan_covers_one_period_of_its_policy_at_most(self):
        with self.assertRaisesRegex(ValidationError, "one period at most"):
            self._plan(self.staff, [100], date_from="2028-01-01", date_to="2127-12-31")
        # a shorter one, for someone joining mid-month, is fine
        self._plan(self.staff, [100], date_from="2027-01-15", date_to="2027-01-31")

    def test_findings_and_fines_name_items_of_their_plan(self):
        plan = self._assessed_plan()
        other = self._assessed_plan(self.staff2)
        Check = self.env["hr.work.plan.check"].with_user(self.user_officer)
        with self.assertRaisesRegex(ValidationError, "item of that plan"):
            Check.create(
                {
                    "plan_id": plan.id,
                    "finding_ids": [
                        Command.create(
                            {
                                "finding": "false_completion",
                                "line_id": other.line_ids[0].id,
                            }
                        )
                    ],
                }
            )
        check = Check.create(
            {
                "plan_id": plan.id,
                "finding_ids": [
                    Command.create(
                        {"finding": "false_completion", "line_id": plan.line_ids[0].id}
                    )
                ],
            }
        )
        check.action_confirm()
        self.assertTrue(plan.line_ids[0].reported_done_falsely)
        self.assertFalse(other.line_ids.filtered("reported_done_falsely"))
        with self.assertRaisesRegex(UserError, "confirmed spot check"):
            check.write({"plan_id": other.id})

    def test_items_name_people_of_their_company(self):
        far = self.env["res.company"].create({"name": "Far"})
        stranger = self.env["hr.employee"].create(
            {"name": "Stranger", "company_id": far.id}
        )
        plan = self._plan(self.staff, [100])
        with self.assertRaises(UserError):
            plan.line_ids.with_user(self.user_staff).write(
                {"assistant_ids": [Command.set(stranger.ids)]}
            )
        with self.assertRaises(UserError):
            plan.write({"approver_id": stranger.id})

    @freeze_time("2026-12-05")
    def test_only_the_requester_edits_a_draft_change(self):
        plan = self._approved_plan()
        change = (
            self.env["hr.work.plan.change"]
            .with_user(self.user_staff)
            .create(
                {
                    "plan_id": plan.id,
                    "change_type": "reweight",
                    "reason": "More work",
                    "line_ids": [
                        Command.create(
                            {"plan_line_id": plan.line_ids[0].id, "new_weight": 60}
                        )
                    ],
                }
            )
        )
        head = change.with_user(self.user_head)
        for attempt in (
            lambda: head.write({"reason": "Rewritten by the approver"}),
            lambda: head.line_ids.write({"new_weight": 90}),
            head.action_submit,
            head.unlink,
        ):
            with self.subTest(attempt=attempt), self.assertRaises(AccessError):
                attempt()
        self.assertEqual((change.state, change.reason), ("draft", "More work"))

    def test_one_appeal_at_a_time_even_in_one_call(self):
        plan = self._assessed_plan()
        with self.assertRaisesRegex(UserError, "one appeal at a time"):
            self.env["hr.work.plan.appeal"].with_user(self.user_staff).create(
                [
                    {"plan_id": plan.id, "reason": "a"},
                    {"plan_id": plan.id, "reason": "b"},
                ]
            )
        self.assertFalse(
            self.env["hr.work.plan.appeal"].search([("plan_id", "=", plan.id)])
        )

    def test_onchange_reads_nothing_of_plans_out_of_reach(self):
        plan = self._plan(self.staff, [100])
        for model in ("hr.work.plan.line", "hr.work.plan.change"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.user_staff2).onchange(
                    {"plan_id": plan.id}, ["plan_id"], {"plan_id": {}}
                )
        result = (
            self.env["hr.work.plan.line"]
            .with_user(self.user_staff)
            .onchange(
                {"plan_id": plan.id}, ["plan_id"], {"plan_id": {}, "plan_state": {}}
            )
        )
        self.assertEqual(result["value"].get("plan_state", "draft"), "draft")

    def test_messages_are_signed_by_their_writer(self):
        plan = self._plan(self.staff, [100])
        with self.assertRaisesRegex(AccessError, "as yourself"):
            plan.with_user(self.user_staff).message_post(
                body="Approved by me, the head", author_id=self.user_head.partner_id.id
            )
        message = plan.with_user(self.user_staff).message_post(
            body="Started", author_id=self.user_staff.partner_id.id
        )
        self.assertEqual(message.author_id, self.user_staff.partner_id)

    def test_extreme_values_get_a_clear_message(self):
        plan = self._plan(self.staff, [100])
        item = plan.line_ids.with_user(self.user_staff)
        for values in (
            {"sequence": 2**40},
            {"weight": "nan"},
            {"weight": "heavy"},
            {"deadline": "0001-01-01"},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                item.write(values)
        for values in ({"date_from": "0001-01-01"}, {"date_to": "9999-12-31"}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                plan.with_user(self.user_staff).write(values)
        admin_policy = self.policy.with_user(self.user_admin)
        for values in ({"pay_ratio": "nan"}, {"sequence": 2**40}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                admin_policy.write(values)
        with self.assertRaises(ValidationError):
            self.policy.grade_ids[0].with_user(self.user_admin).max_score = 1e308

    def test_the_rating_dialog_names_no_plan_out_of_reach(self):
        self._self_assessed_plan()
        public_staff = self.env["hr.employee.public"].browse(self.staff.id)
        wizard = (
            self.env["hr.work.plan.rating.wizard"]
            .with_user(self.user_other)
            .create({"employee_id": public_staff.id, "role": "peer", "score": 50})
        )
        with self.assertRaises(AccessError) as error:
            wizard.action_confirm()
        self.assertNotIn("2026-12", str(error.exception))
        self.assertIn("Staff", str(error.exception))
        for score in (float("nan"), float("inf")):
            with self.subTest(score=score), self.assertRaises(ValidationError):
                self.env["hr.work.plan.reason.wizard"].with_user(self.user_head).create(
                    {"action": "appeal_resolve", "reason": "x", "revised_score": score}
                )
