# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase
from odoo.addons.hr_work_plan.tests.test_plan_scoring import (
    TRADE_GRADES,
    grade_commands,
)


class TriggerCase(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["hr.work.plan.penalty.rule"]
        cls.Penalty = cls.env["hr.work.plan.penalty"]
        # only this test's rules fire
        cls.Rule.search([]).active = False

    def _rule(self, trigger, amount=50, **values):
        return self.Rule.create(
            {
                "name": f"Rule {trigger}",
                "code": values.pop("code", f"T-{trigger}-{amount}-{len(values)}"),
                "trigger": trigger,
                "amount": amount,
                "policy_ids": [Command.set(self.policy.ids)],
                **values,
            }
        )

    def _fined(self, rule):
        return self.Penalty.search([("rule_id", "=", rule.id)], order="id")

    def _cron(self):
        self.Penalty._cron_check_deadlines()


@tagged("post_install", "-at_install")
class TestDeadlineTriggers(TriggerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.deadline_ids = [
            Command.create(
                {"stage": "submit", "position": "before", "day": 27, "hour": 12}
            ),
        ]

    def test_a_late_plan_is_fined_once_however_often_the_job_runs(self):
        rule = self._rule("late_submission")
        plan = self._plan(self.staff, [100])
        with freeze_time("2026-11-30 06:00:00"):
            plan.with_user(self.user_staff).action_submit()
        self.assertTrue(plan.submit_late)
        self._cron()
        self._cron()
        fine = self._fined(rule)
        self.assertEqual(len(fine), 1)
        self.assertEqual(
            (fine.employee_id, fine.amount, fine.state, fine.plan_id),
            (self.staff, 50, "draft", plan),
        )
        self.assertIn(self.user_staff.partner_id, fine.message_partner_ids)
        plan.with_user(self.user_head).action_reject("Rewrite item 1")
        with freeze_time("2026-12-01 06:00:00"):
            plan.with_user(self.user_staff).action_submit()
        self._cron()
        self.assertEqual(len(self._fined(rule)), 1, "re-submitted: fined once")
        fine.with_user(self.user_officer).action_cancel()
        self._cron()
        self.assertEqual(len(self._fined(rule)), 1, "a cancelled fine is not redone")

    def test_a_plan_in_time_is_not_fined(self):
        rule = self._rule("late_submission")
        plan = self._plan(self.staff, [100])
        with freeze_time("2026-11-26 06:00:00"):
            plan.with_user(self.user_staff).action_submit()
        self._cron()
        self.assertFalse(self._fined(rule))

    def test_late_approval_and_assessment_fine_the_approver(self):
        approval = self._rule("late_approval", 80, payer="approver", auto_confirm=True)
        assessment = self._rule("late_assessment", 30, payer="approver")
        summary = self._rule("late_summary", 20)
        plan = self._assessed_plan()
        plan.sudo().write(
            {"approve_late": True, "assess_late": True, "self_assess_late": True}
        )
        self._cron()
        self.assertEqual(
            (self._fined(approval).employee_id, self._fined(approval).state),
            (self.head, "confirmed"),
        )
        self.assertEqual(self._fined(assessment).employee_id, self.head)
        self.assertEqual(self._fined(summary).employee_id, self.staff)

    def test_a_rule_of_another_policy_fines_nothing(self):
        other = self.policy.copy({"code": "OTHER"})
        rule = self._rule("late_submission", policy_ids=[Command.set(other.ids)])
        plan = self._plan(self.staff, [100])
        plan.sudo().submit_late = True
        self._cron()
        self.assertFalse(self._fined(rule))

    def test_unfinished_items_are_fined_per_item_of_their_category(self):
        main = self._rule(
            "unfinished_item",
            500,
            unit="item",
            payer="department_manager",
            category_ids=[Command.set(self.cat_routine.ids)],
        )
        routine = self._rule(
            "unfinished_item",
            300,
            unit="item",
            category_ids=[Command.set(self.cat_carried.ids)],
        )
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "not_done")
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 50, 0)
        plan.with_user(self.user_head).action_assess()
        self._cron()
        self._cron()
        fine = self._fined(main)
        self.assertEqual(
            (len(fine), fine.employee_id, fine.amount, fine.line_id),
            (1, self.head, 500, plan.line_ids[1]),
        )
        self.assertFalse(self._fined(routine))

    def test_one_fine_per_plan_when_the_rule_counts_occurrences(self):
        rule = self._rule("unfinished_item", 100, unit="occurrence")
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "not_done", "not_done")
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 0, 0)
        plan.with_user(self.user_head).action_assess()
        self._cron()
        self.assertEqual(len(self._fined(rule)), 1)


@tagged("post_install", "-at_install")
class TestRuleSemantics(TriggerCase):
    def test_payers_shares_and_the_fallback_to_the_direct_leader(self):
        plan = self._plan(self.staff, [100])
        shared = self._rule("manual", 100, payer="responsible", split="share")
        each = self._rule("manual", 100, payer="responsible")
        both = self.staff | self.staff2
        shared._fire([{"key": "x", "payers": both, "plan": plan}])
        each._fire([{"key": "x", "payers": both, "plan": plan}])
        self.assertEqual(self._fined(shared).mapped("amount"), [50, 50])
        self.assertEqual(self._fined(each).mapped("amount"), [100, 100])
        self.assertEqual(shared._payers(plan), self.head, "nobody named: the leader")
        self.assertEqual(
            self._rule("manual", 1, payer="department_manager")._payers(plan),
            self.head,
        )

    def test_shares_add_up_to_the_amount(self):
        rule = self._rule("manual", 100, payer="responsible", split="share")
        plan = self._plan(self.staff, [100])
        rule._fire(
            [{"key": "x", "payers": self.staff | self.staff2 | self.head, "plan": plan}]
        )
        self.assertEqual(self._fined(rule).mapped("amount"), [33.34, 33.33, 33.33])

    def test_a_rule_does_not_fine_the_past(self):
        rule = self._rule("late_submission", date_start="2027-01-01")
        plan = self._plan(self.staff, [100])
        plan.sudo().submit_late = True
        self._cron()
        self.assertFalse(self._fined(rule))

    def test_a_recorded_fine_is_cancelled_not_deleted(self):
        rule = self._rule("late_submission")
        plan = self._plan(self.staff, [100])
        plan.sudo().submit_late = True
        self._cron()
        fine = self._fined(rule).with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "cancelled, not deleted"):
            fine.unlink()
        with self.assertRaisesRegex(UserError, "keeps its rule"):
            fine.rule_id = self._rule("manual")
        fine.action_cancel()
        self._cron()
        self.assertEqual(len(self._fined(rule)), 1)

    def test_a_ranged_rule_keeps_its_amount_in_range(self):
        with self.assertRaisesRegex(ValidationError, "within its range"):
            self._rule("manual", 120, amount_min=50, amount_max=100)
        with self.assertRaisesRegex(ValidationError, "no amount"):
            self._rule("streak", 10, kind="notice")
        rule = self._rule("manual", 80, amount_min=50, amount_max=100, monthly_cap=120)
        plan = self._plan(self.staff, [100])
        rule._fire(
            [{"key": f"k{i}", "payers": self.staff, "plan": plan} for i in range(2)]
        )
        self.assertEqual(self._fined(rule).mapped("amount"), [80], "40 is below 50")

    def test_the_monthly_cap_limits_what_one_employee_pays(self):
        rule = self._rule("manual", 80, monthly_cap=200)
        plan = self._plan(self.staff, [100])
        rule._fire(
            [
                {"key": f"k{index}", "payers": self.staff, "plan": plan}
                for index in range(4)
            ]
        )
        self.assertEqual(self._fined(rule).mapped("amount"), [80, 80, 40])
        rule._fire(
            [
                {
                    "key": "january",
                    "payers": self.staff,
                    "plan": plan,
                    "date": "2027-01-05",
                }
            ]
        )
        self.assertEqual(self._fined(rule)[-1].amount, 80, "a new month")

    def test_ranged_amounts_in_and_out_of_range(self):
        rule = self._rule("manual", 50, amount_min=50, amount_max=100)
        Penalty = self.Penalty.with_user(self.user_officer)
        values = {"rule_id": rule.id, "employee_id": self.staff.id, "reason": "x"}
        self.assertEqual(Penalty.create({**values, "amount": 100}).amount, 100)
        for amount in (49, 101):
            with self.subTest(amount=amount), self.assertRaises(ValidationError):
                Penalty.create({**values, "amount": amount})

    def test_a_waiver_needs_the_accepted_explanation(self):
        penalty = self.Penalty.with_user(self.user_officer).create(
            {"kind": "fine", "amount": 50, "employee_id": self.staff.id, "reason": "x"}
        )
        penalty.action_confirm()
        with self.assertRaisesRegex(UserError, "Give a reason"):
            penalty.action_waive()
        penalty.action_waive("Sick leave certified by HR")
        self.assertEqual(
            (penalty.state, penalty.waive_reason),
            ("waived", "Sick leave certified by HR"),
        )
        with self.assertRaises(AccessError):
            penalty.with_user(self.user_staff).action_waive("Mine")

    def test_a_notice_carries_no_amount(self):
        notice = self.Penalty.with_user(self.user_officer).create(
            {"kind": "notice", "employee_id": self.staff.id, "reason": "Review"}
        )
        self.assertEqual(notice.amount, 0)
        with self.assertRaisesRegex(ValidationError, "no amount"):
            notice.amount = 10


@tagged("post_install", "-at_install")
class TestSpotCheckTriggers(TriggerCase):
    def test_findings_fine_the_people_the_rules_name(self):
        false = self._rule(
            "false_completion", 100, unit="item", payer="department_manager"
        )
        unfair = self._rule("unfair_rating", 0, kind="fault_slip", payer="responsible")
        omission = self._rule("omission", 100, unit="item")
        plan = self._assessed_plan()
        check = (
            self.env["hr.work.plan.check"]
            .with_user(self.user_officer)
            .create(
                {
                    "plan_id": plan.id,
                    "finding_ids": [
                        Command.create(
                            {
                                "finding": "false_completion",
                                "line_id": plan.line_ids[0].id,
                            }
                        ),
                        Command.create({"finding": "unfair_rating"}),
                    ],
                }
            )
        )
        check.action_confirm()
        self.assertEqual(
            (self._fined(false).employee_id, self._fined(false).line_id),
            (self.head, plan.line_ids[0]),
        )
        slip = self._fined(unfair)
        self.assertEqual((slip.kind, slip.employee_id), ("fault_slip", self.head))
        self.assertFalse(self._fined(omission))


@tagged("post_install", "-at_install")
class TestCases(TriggerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.Rule.create(
            {
                "name": "Non-cooperation",
                "code": "T-COOP",
                "trigger": "non_cooperation",
                "amount": 50,
                "amount_min": 50,
                "amount_max": 100,
                "unit": "person",
                "payer": "responsible",
            }
        )
        cls.other_member = cls.env["hr.employee"].create(
            {"name": "Purchaser", "department_id": cls.other_department.id}
        )

    def _case(self, plan=None, **values):
        plan = plan or self._approved_plan()
        return (
            self.env["hr.work.plan.case"]
            .with_user(self.user_staff)
            .create(
                {
                    "plan_id": plan.id,
                    "line_id": plan.line_ids[0].id,
                    "against_department_id": self.other_department.id,
                    "rule_id": self.rule.id,
                    "evidence": "<p>Asked for the quotes on 3 Dec, none came.</p>",
                    **values,
                }
            )
        )

    def test_a_case_through_both_reviews_fines_each_responsible_person(self):
        case = self._case(
            responsible_ids=[Command.set(self.other_member.ids)], amount=80
        )
        case.action_submit()
        reviewer = case.sudo().activity_ids.user_id
        self.assertTrue(reviewer.has_group("hr_work_plan.group_work_plan_officer"))
        self.assertNotIn(reviewer, case._involved_users())
        case.with_user(self.user_officer).action_office_approve()
        self.assertFalse(case.sudo().penalty_ids)
        reviewer = case.sudo().activity_ids.user_id
        self.assertTrue(reviewer.has_group("hr_work_plan.group_work_plan_admin"))
        self.assertNotIn(reviewer, case._involved_users())
        case.with_user(self.user_admin).action_group_approve()
        self.assertFalse(case.sudo().activity_ids)
        self.assertEqual(case.state, "confirmed")
        self.assertEqual(
            [(fine.employee_id, fine.amount) for fine in case.sudo().penalty_ids],
            [(self.other_member, 80)],
        )

    def test_nobody_named_the_against_departments_manager_answers(self):
        case = self._case()
        case.action_submit()
        case.with_user(self.user_officer).action_office_approve()
        case.with_user(self.user_admin).action_group_approve()
        self.assertEqual(case.sudo().penalty_ids.employee_id, self.other)

    def test_refused_at_either_review_nothing_is_fined(self):
        plan = self._approved_plan()
        for step in ("office", "group"):
            with self.subTest(step=step):
                case = self._case(plan)
                case.action_submit()
                if step == "group":
                    case.with_user(self.user_officer).action_office_approve()
                reviewer = self.user_officer if step == "office" else self.user_admin
                case.with_user(reviewer).action_refuse("The quotes were not asked")
                self.assertEqual(case.state, "refused")
                self.assertFalse(case.sudo().penalty_ids)

    def test_the_amount_stays_in_the_rules_range(self):
        with self.assertRaisesRegex(ValidationError, "from 50.0 to 100.0"):
            self._case(amount=150)

    def test_nobody_reviews_a_case_of_their_own(self):
        officer = self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": self.user_officer.id,
                "department_id": self.department.id,
                "parent_id": self.head.id,
            }
        )
        plan = self._approved_plan(officer)
        case = (
            self.env["hr.work.plan.case"]
            .with_user(self.user_officer)
            .create(
                {
                    "plan_id": plan.id,
                    "against_department_id": self.other_department.id,
                    "rule_id": self.rule.id,
                    "evidence": "<p>No answer</p>",
                }
            )
        )
        case.action_submit()
        with self.assertRaisesRegex(UserError, "you filed it"):
            case.with_user(self.user_officer).action_office_approve()
        with self.assertRaises(AccessError):
            case.with_user(self.user_staff).action_office_approve()

    def test_only_the_owning_side_files_a_case(self):
        plan = self._approved_plan()
        with self.assertRaisesRegex(AccessError, "filed by its owner"):
            self.env["hr.work.plan.case"].with_user(self.user_director).create(
                {
                    "plan_id": plan.id,
                    "against_department_id": self.other_department.id,
                    "rule_id": self.rule.id,
                }
            )

    def test_a_case_names_a_fining_rule_and_people_of_the_other_department(self):
        reward = self._rule("non_cooperation", 50, kind="reward")
        with self.assertRaisesRegex(ValidationError, "non-cooperation rule"):
            self._case(rule_id=reward.id)
        with self.assertRaisesRegex(ValidationError, "work in Board / Purchase"):
            self._case(responsible_ids=[Command.set(self.head.ids)])

    def test_a_case_is_not_filed_against_its_own_line(self):
        """Not against the plan's department, the board above it nor a team
        under it, and nobody of the owning side is named."""
        team = self.env["hr.department"].create(
            {"name": "Sales Team", "parent_id": self.department.id}
        )
        for department in (self.department, self.board, team):
            with (
                self.subTest(department=department.name),
                self.assertRaisesRegex(ValidationError, "outside Board / Sales"),
            ):
                self._case(against_department_id=department.id)
        plan = self._approved_plan(self.staff2)
        self.staff2.department_id = self.other_department
        with self.assertRaisesRegex(ValidationError, "Staff Two do not"):
            self.env["hr.work.plan.case"].create(
                {
                    "plan_id": plan.id,
                    "against_department_id": self.other_department.id,
                    "responsible_ids": [Command.set(self.staff2.ids)],
                    "rule_id": self.rule.id,
                }
            )
        self.assertFalse(
            self.env["hr.work.plan.case"].search([("plan_id", "=", plan.id)])
        )

    def test_the_steps_are_taken_by_their_roles_alone(self):
        case = self._case()
        with self.assertRaises(AccessError):
            case.with_user(self.user_other).unlink()
        case.action_submit()
        with self.assertRaisesRegex(UserError, "while it is a draft"):
            case.amount = 100
        with self.assertRaisesRegex(UserError, "Only draft cases"):
            case.unlink()
        case.with_user(self.user_admin).action_office_approve()
        with self.assertRaises(AccessError):
            case.with_user(self.user_officer).action_group_approve()
        with self.assertRaisesRegex(UserError, "for the general office"):
            case.with_user(self.user_admin).action_group_approve()
        self.assertEqual(case.state, "group_review")

    def test_the_accused_does_not_review(self):
        self.user_other.groups_id += self.env.ref(
            "hr_work_plan.group_work_plan_officer"
        )
        case = self._case()
        case.action_submit()
        with self.assertRaisesRegex(UserError, "named in it"):
            case.with_user(self.user_other).action_refuse("Not us")
        self.assertEqual(case.state, "office_review")


@tagged("post_install", "-at_install")
class TestCycleRules(TriggerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)

    def _close_month(self, month, scores):
        """Close the cycle of 2026-``month`` with one plan per employee of
        ``scores`` (employee → points out of 100)."""
        start = f"2026-{month:02d}-01"
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": f"M{month}", "policy_id": self.policy.id, "date_from": start}
        )
        end = cycle.date_to
        for employee, score in scores.items():
            plan = self._plan(
                employee, [100], date_from=start, date_to=end, cycle_id=cycle.id
            )
            plan.line_ids.sudo().write({"completion": "done", "score_manager": score})
            plan.sudo().state = "assessed"
        cycle.sudo().state = "assessing"
        cycle.with_user(self.user_officer).action_close()
        return cycle

    def test_three_months_ranked_first_earn_one_reward(self):
        rule = self._rule(
            "streak", 300, kind="reward", streak_length=3, streak_condition="rank_first"
        )
        for month in (8, 9, 10):
            self._close_month(month, {self.staff: 95, self.staff2: 80})
            if month < 10:
                self.assertFalse(self._fined(rule))
        reward = self._fined(rule)
        self.assertEqual(
            (len(reward), reward.employee_id, reward.amount), (1, self.staff, 300)
        )
        self._close_month(11, {self.staff: 95, self.staff2: 80})
        self.assertEqual(len(self._fined(rule)), 1)

    def test_a_break_in_the_run_starts_it_again(self):
        fail = self.policy.grade_ids.filtered(lambda grade: grade.code == "E")
        rule = self._rule(
            "streak",
            0,
            kind="notice",
            streak_length=3,
            streak_grade_ids=[Command.set(fail.ids)],
        )
        self._close_month(7, {self.staff: 50})
        self._close_month(8, {self.staff: 85})
        self._close_month(9, {self.staff: 50})
        self._close_month(10, {self.staff: 50})
        self.assertFalse(self._fined(rule))
        self._close_month(11, {self.staff: 50})
        notice = self._fined(rule)
        self.assertEqual((notice.kind, notice.employee_id), ("notice", self.staff))

    def test_a_count_in_the_year(self):
        low = self.policy.grade_ids.filtered(lambda grade: grade.code in ("D", "E"))
        rule = self._rule(
            "streak",
            0,
            kind="notice",
            streak_length=2,
            streak_scope="year",
            streak_grade_ids=[Command.set(low.ids)],
        )
        self._close_month(3, {self.staff: 65})
        self._close_month(5, {self.staff: 90})
        self._close_month(8, {self.staff: 55})
        self.assertEqual(len(self._fined(rule)), 1)

    def test_ranking_prizes_need_their_least_score(self):
        first = self._rule("ranking", 2000, kind="reward", rank=1, min_score=80)
        second = self._rule("ranking", 1500, kind="reward", rank=2, min_score=70)
        self._close_month(10, {self.staff: 85, self.staff2: 65})
        self.assertEqual(self._fined(first).employee_id, self.staff)
        self.assertFalse(self._fined(second), "65 is below 70")

    def test_a_team_prize_is_shared_among_who_met_the_target(self):
        _team, members = self._team("Shop", "Seller", 5)
        self.policy.department_ids |= _team
        rule = self._rule("team_prize", 3000, kind="reward", min_score=80)
        scores = dict(zip(members, (90, 85, 80, 95, 60), strict=True))
        self._close_month(10, scores)
        prizes = self._fined(rule)
        self.assertEqual(len(prizes), 4)
        self.assertEqual(set(prizes.mapped("amount")), {750})
        self.assertNotIn(members[4], prizes.employee_id)


@tagged("post_install", "-at_install")
class TestTriggerQueries(TriggerCase):
    def _queries_of_the_job(self, size):
        _department, employees = self._team(f"Late {size}", f"Late {size}", size)
        for employee in employees:
            employee.user_id = self._user(f"late_{size}_{employee.id}", "user")
        rules = self._rule("late_submission", 50, code=f"Q-LATE-{size}") | self._rule(
            "unfinished_item", 30, unit="item", code=f"Q-ITEM-{size}", auto_confirm=True
        )
        plans = self.env["hr.work.plan"]
        for employee in employees:
            plans |= self._plan(employee, [60, 40])
        plans.sudo().write({"submit_late": True, "state": "assessed"})
        plans.line_ids.sudo().write({"completion": "not_done"})
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._cron()
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        fined = self.Penalty.search([("plan_id", "in", plans.ids)])
        self.assertEqual(len(fined), size * 3)
        self.assertEqual(set(fined.mapped("state")), {"draft", "confirmed"})
        rules.active = False
        return queries

    def test_the_daily_job_does_not_query_per_plan(self):
        few = self._queries_of_the_job(3)
        many = self._queries_of_the_job(30)
        self.assertLessEqual(many, few + 10, f"3 plans: {few} queries, 30: {many}")
