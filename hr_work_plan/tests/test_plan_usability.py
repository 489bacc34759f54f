# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What stopped people running a month: blank forms, senders without email,
assessments that scored 0 without a word."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


@tagged("post_install", "-at_install")
class TestPlanUsability(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.deadline_ids = [
            Command.create({"stage": "submit", "position": "before", "day": 25})
        ]

    def test_a_new_plan_opens_before_it_has_a_policy(self):
        for user in (self.user_staff, self.user_officer):
            with self.subTest(user=user.login):
                form = Form(self.env["hr.work.plan"].with_user(user))
                form.policy_id = self.policy
                form.date_from = "2026-12-01"
                form.date_to = "2026-12-31"
                self.assertTrue(form.submit_deadline)
        # a plan with no owner yet: a new one defaults to the user
        blank = (
            self.env["hr.work.plan"]
            .with_user(self.user_staff)
            .new({"employee_id": False})
        )
        self.assertFalse(blank.next_deadline)
        self.assertFalse(blank.can_act)
        self.assertIn("<table", str(blank.score_explanation))

    def test_a_new_plan_is_the_users_own_and_follows_its_cycle(self):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "January", "policy_id": self.policy.id, "date_from": "2027-01-01"}
        )
        form = Form(self.env["hr.work.plan"].with_user(self.user_staff))
        self.assertEqual(form.employee_id, self.staff)
        form.cycle_id = cycle
        self.assertEqual(
            (form.policy_id, str(form.date_from), str(form.date_to)),
            (self.policy, "2027-01-01", "2027-01-31"),
        )

    def test_an_owner_without_email_submits(self):
        self.user_staff.partner_id.email = False
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "submitted")
        message = plan.message_ids.filtered(
            lambda message: message.author_id == self.user_staff.partner_id
        )[:1]
        self.assertTrue(message)
        self.assertEqual(plan.activity_ids.user_id, self.user_head)


@tagged("post_install", "-at_install")
class TestAssessmentWithScoreTable(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write(
            {
                "grade_ids": grade_commands(TRADE_GRADES),
                "matrix_ids": [
                    Command.create(
                        {"efficiency": "on_time", "quality": quality, "percent": 100}
                    )
                    for quality in ("excellent", "good", "pass", "improve")
                ],
            }
        )

    def _self_assessed(self):
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        return plan

    def test_assessing_needs_every_item_rated(self):
        plan = self._self_assessed()
        first, second = plan.line_ids.with_user(self.user_head)
        first.write({"efficiency": "on_time", "quality": "good"})
        with self.assertRaisesRegex(UserError, "Item 2"):
            plan.with_user(self.user_head).action_assess()
        self.assertEqual((plan.state, plan.score_final), ("self_assessed", 0))
        second.write({"efficiency": "on_time", "quality": "pass"})
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 100)

    def test_the_approver_corrects_an_assessment_until_it_is_validated(self):
        plan = self._self_assessed()
        for item in plan.line_ids.with_user(self.user_head):
            item.write({"efficiency": "on_time", "quality": "good"})
        plan.with_user(self.user_head).action_assess()
        with self.assertRaisesRegex(UserError, "your own plan"):
            plan.with_user(self.user_staff).action_back_to_assessment()
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff2).action_back_to_assessment()
        self.assertTrue(plan.grade_id)
        plan.with_user(self.user_head).action_back_to_assessment()
        self.assertEqual(plan.state, "self_assessed")
        self.assertFalse(plan.grade_id)
        self.assertEqual(plan.coefficient, 0)
        plan.line_ids[0].with_user(self.user_head).quality = "improve"
        plan.with_user(self.user_head).action_assess()
        plan.with_user(self.user_officer).action_done()
        with self.assertRaisesRegex(UserError, "needs records in state"):
            plan.with_user(self.user_head).action_back_to_assessment()


@tagged("post_install", "-at_install")
class TestAnalysis(WorkPlanCase):
    def test_grouped_scores_average(self):
        first = self._assessed_plan(self.staff, (100,), (80,))
        second = self._assessed_plan(self.staff2, (100,), (90,))
        fields = [
            "score_final",
            "score_self",
            "score_manager",
            "coefficient",
            "total_weight",
        ]
        groups = self.env["hr.work.plan"].read_group(
            [("id", "in", (first | second).ids)], fields, ["department_id"]
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["score_final"], 85)
        self.assertEqual(groups[0]["score_manager"], 85)
        self.assertEqual(groups[0]["total_weight"], 100)

    def test_generated_plans_are_late_at_once_and_owners_get_a_to_do(self):
        self.policy.deadline_ids = [
            Command.create({"stage": "submit", "position": "before", "day": 25})
        ]
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "November", "policy_id": self.policy.id, "date_from": "2026-11-01"}
        )
        plans = cycle.with_user(self.user_officer).action_generate_plans()
        self.assertTrue(plans)
        self.assertTrue(all(plans.mapped("submit_late")))
        for plan in plans:
            with self.subTest(owner=plan.employee_id.name):
                self.assertEqual(plan.activity_ids.user_id, plan.employee_id.user_id)
                self.assertIn("overdue since", plan.activity_ids.summary)
        on_time = self.env["hr.work.plan.cycle"].create(
            {"name": "January", "policy_id": self.policy.id, "date_from": "2027-01-01"}
        )
        plans = on_time.with_user(self.user_officer).action_generate_plans()
        self.assertFalse(any(plans.mapped("submit_late")))
        self.assertEqual(
            plans.activity_ids.mapped("date_deadline")[0].isoformat(), "2026-12-25"
        )
        self.assertNotIn("overdue", plans.activity_ids[0].summary)

    def test_a_mail_says_when_its_deadline_has_passed(self):
        self.policy.deadline_ids = [
            Command.create({"stage": "approve", "position": "before", "day": 25})
        ]
        late = self._plan(
            self.staff, [60, 40], date_from="2026-11-01", date_to="2026-11-30"
        )
        on_time = self._plan(self.staff2, [60, 40])
        (late | on_time).with_user(self.user_officer).action_submit()
        self.assertTrue(late.next_deadline_passed)
        self.assertFalse(on_time.next_deadline_passed)
        for plan, wording, overdue in (
            (late, "is overdue", True),
            (on_time, "Please decide by", False),
        ):
            with self.subTest(plan=plan.display_name):
                mail = plan.message_ids.filtered(
                    lambda message: "for your approval" in (message.body or "")
                )
                self.assertEqual(len(mail), 1)
                self.assertIn(wording, str(mail.body))
                self.assertNotRegex(str(mail.body), r"\d:\d\d:\d\d")
                self.assertEqual(plan.activity_ids.user_id, self.user_head)
                self.assertEqual("overdue since" in plan.activity_ids.summary, overdue)


@tagged("post_install", "-at_install")
class TestResultsReachPeople(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.user_arbiter = cls._user("wp_arbiter", "arbiter")

    def _messages_to(self, record, user):
        return record.message_ids.filtered(
            lambda message: user.partner_id in message.partner_ids
        )

    def test_the_owner_hears_of_the_assessment_and_the_appeal(self):
        plan = self._assessed_plan(weights=(100,), scores=(78,))
        self.assertIn("78", self._messages_to(plan, self.user_staff)[:1].body)
        appeal = (
            self.env["hr.work.plan.appeal"]
            .with_user(self.user_staff)
            .create({"plan_id": plan.id, "reason": "The delay was excused"})
        )
        appeal.with_user(self.user_arbiter).action_accept()
        appeal.with_user(self.user_arbiter).action_resolve("Delay excused", 86)
        self.assertIn(
            "Delay excused", self._messages_to(plan, self.user_staff)[:1].body
        )
        plan.invalidate_recordset()
        self.assertEqual((plan.score_final, plan.score_before_appeal), (86, 78))
        self.assertEqual(plan.with_user(self.user_staff).appeal_count, 1)
        self.assertEqual(plan.with_user(self.user_head).score_before_appeal, 78)

    def test_closing_a_cycle_tells_every_owner(self):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "December", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        cycle.with_user(self.user_officer).action_generate_plans()
        for plan in cycle.plan_ids:
            plan.line_ids = [Command.create({"name": "Work", "weight": 100})]
            plan.action_submit()
            plan.action_approve()
            plan.line_ids.completion = "done"
            plan.action_self_assess()
            plan.line_ids.score_manager = 80
            plan.action_assess()
        cycle.with_user(self.user_officer).action_close()
        message = cycle.message_ids.filtered(
            lambda message: "is closed" in (message.body or "")
        )
        owners = cycle.plan_ids.employee_id.user_id.partner_id
        self.assertTrue(owners)
        self.assertEqual(message.partner_ids, owners)
        self.assertTrue(all(cycle.plan_ids.mapped("rank")))


@tagged("post_install", "-at_install")
class TestControlsMatchRights(WorkPlanCase):
    def _flags(self, plan, user):
        plan = plan.with_user(user)
        return plan.can_edit_items, plan.can_add_items

    def test_who_adds_and_removes_items(self):
        plan = self._plan(self.staff, [100])
        self.assertEqual(self._flags(plan, self.user_staff), (True, True))
        self.assertEqual(self._flags(plan, self.user_head), (False, False))
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        plan.invalidate_recordset()
        # the owner reports, but adds and removes nothing; the approver adds
        # leader tasks; an officer may do both
        self.assertEqual(self._flags(plan, self.user_staff), (False, False))
        self.assertEqual(self._flags(plan, self.user_head), (False, True))
        self.assertEqual(self._flags(plan, self.user_officer), (True, True))


@tagged("post_install", "-at_install")
class TestPartlyDoneItems(WorkPlanCase):
    def _partly_done(self, partial_credit):
        self.policy.partial_credit = partial_credit
        plan = self._approved_plan(weights=(60, 40))
        first, second = plan.line_ids.with_user(self.user_staff)
        first.write({"completion": "done"})
        second.write({"completion": "partial", "completion_percent": 50})
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 60, 20)
        return plan

    def test_the_explanation_names_the_rule_of_a_partly_done_item(self):
        plan = self._partly_done(partial_credit=True)
        self.assertIn(
            "partly done (50%), scored by the approver (partial credit)",
            plan.score_explanation,
        )
        self.assertEqual(plan.line_ids[1].score_final, 20)
        plan.sudo().unlink()
        plan = self._partly_done(partial_credit=False)
        self.assertIn("without an approved change: 0", plan.score_explanation)


@tagged("post_install", "-at_install")
class TestBulkActions(WorkPlanCase):
    def test_officers_move_many_plans_at_once(self):
        plans = self._plan(self.staff, [100]) | self._plan(self.staff2, [100])
        for key in ("submit", "approve"):
            action = self.env.ref(f"hr_work_plan.hr_work_plan_action_server_{key}")
            action.with_user(self.user_officer).with_context(
                active_model="hr.work.plan", active_ids=plans.ids
            ).run()
        self.assertEqual(set(plans.mapped("state")), {"approved"})
        plans.activity_ids.unlink()
        remind = self.env.ref("hr_work_plan.hr_work_plan_action_server_remind")
        result = (
            remind.with_user(self.user_officer)
            .with_context(active_model="hr.work.plan", active_ids=plans.ids)
            .run()
        )
        self.assertIn("2 reminders", result["params"]["message"])
        self.assertEqual(plans.activity_ids.user_id, self.user_staff | self.user_staff2)
        with self.assertRaises(AccessError):
            plans.with_user(self.user_head).action_send_reminders()
