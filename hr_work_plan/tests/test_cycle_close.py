# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import RedirectWarning, UserError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


@tagged("post_install", "-at_install")
class TestCycleClose(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.cycle = cls.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": cls.policy.id, "date_from": "2026-12-01"}
        )

    def _assessed_cycle(self, scores, cycle=None):
        """Generate the cycle's plans and assess them with ``scores`` in the
        order of the plans' owners: director, head, staff, staff two, other."""
        cycle = cycle or self.cycle
        plans = cycle.with_user(self.user_officer).action_generate_plans()
        plans = plans.sorted(lambda plan: plan.employee_id.id)
        for plan, score in zip(plans, scores, strict=True):
            self._self_assessed_past_the_workflow(plan, score)
        plans.sudo().action_assess()
        return plans

    def test_close_grades_ranks_and_locks(self):
        plans = self._assessed_cycle([95, 88, 88, 72, 55])
        self.cycle.write({"state": "assessing"})
        self.cycle.with_user(self.user_officer).action_close()
        self.assertEqual(self.cycle.state, "closed")
        self.assertEqual(set(plans.mapped("state")), {"done"})
        self.assertEqual(plans.mapped("rank"), [1, 2, 2, 4, 5])
        self.assertEqual(plans.grade_id.mapped("code"), ["A", "B", "C", "E"])
        self.assertEqual(plans.mapped("coefficient"), [1.3, 1.1, 1.1, 1.0, 0.4])
        self.assertEqual(self.cycle.ranked_plan_ids, plans)
        self.assertIn("B", self.cycle.distribution_html)
        with self.assertRaises(UserError):
            plans[0].with_user(self.user_officer).write({"note": "Changed"})

    def test_close_tracks_each_plan_done(self):
        plans = self._assessed_cycle([95, 88, 88, 72, 55])
        self.env.cr.precommit.run()
        self.cycle.with_user(self.user_officer).action_close()
        self.env.cr.precommit.run()
        for plan in plans:
            tracked = plan.sudo().message_ids.tracking_value_ids.filtered(
                lambda value: value.field_id.name == "state"
            )[:1]
            self.assertEqual(
                (tracked.old_value_char, tracked.new_value_char),
                ("Assessed", "Done"),
                plan.display_name,
            )
            self.assertTrue(plan.done_on)
            self.assertFalse(
                plan.activity_ids.filtered(
                    lambda activity: activity.user_id == self.user_officer
                )
            )

    def test_a_policy_without_grades_cannot_close(self):
        self._assessed_cycle([90, 80, 70, 60, 50])
        self.policy.grade_ids.unlink()
        with self.assertRaisesRegex(UserError, "has no grades"):
            self.cycle.with_user(self.user_officer).action_close()
        self.assertNotEqual(self.cycle.state, "closed")

    def test_plans_must_be_assessed(self):
        plans = self.cycle.with_user(self.user_officer).action_generate_plans()
        with self.assertRaisesRegex(RedirectWarning, "not assessed yet") as error:
            self.cycle.with_user(self.user_officer).action_close()
        self.assertEqual(set(plans.mapped("state")), {"draft"})
        # the message leads to the plans that hold the close up
        action = error.exception.args[1]
        self.assertEqual(self.env["hr.work.plan"].search(action["domain"]), plans)

    def test_starting_a_stage_counts_the_plans_behind(self):
        plans = self.cycle.with_user(self.user_officer).action_generate_plans()
        plans[:1].sudo().state = "approved"
        warning = self.cycle.with_user(self.user_officer).action_start_execution()
        self.assertEqual(warning["params"]["type"], "warning")
        self.assertIn(f"Draft {len(plans) - 1}", warning["params"]["message"])
        self.assertEqual(self.cycle.state, "executing")

    def test_managers_cannot_close(self):
        self._assessed_cycle([90, 80, 70, 60, 50])
        with self.assertRaises(UserError):
            self.cycle.with_user(self.user_head).action_close()

    def test_forced_distribution_blocks_then_overrides(self):
        self.policy.write({"forced_distribution": True})
        self.policy.grade_ids.filtered(
            lambda grade: grade.code == "A"
        ).quota_percent = 20
        plans = self._assessed_cycle([95, 96, 97, 72, 55])
        with self.assertRaises(UserError) as error:
            self.cycle.with_user(self.user_officer).action_close()
        self.assertIn("A given 3 times, at most 1", str(error.exception))
        self.assertEqual(set(plans.mapped("state")), {"assessed"})
        self.cycle.with_user(self.user_officer).action_close(
            override_reason="Record quarter approved by the board"
        )
        self.assertEqual(self.cycle.state, "closed")
        self.assertIn("Record quarter", self.cycle.distribution_override)

    def test_forced_distribution_per_department(self):
        self.policy.write(
            {"forced_distribution": True, "distribution_scope": "department"}
        )
        self.policy.grade_ids.filtered(
            lambda grade: grade.code == "A"
        ).quota_percent = 34
        # Sales (head, staff, staff two) gets two A, Board and Purchase one each
        self._assessed_cycle([95, 96, 97, 72, 91])
        with self.assertRaises(UserError) as error:
            self.cycle.with_user(self.user_officer).action_close()
        self.assertIn("Board / Sales: A given 2 times, at most 1", str(error.exception))
        self.assertNotIn("Purchase", str(error.exception))
        self.assertNotIn("Board:", str(error.exception))

    def test_department_result_multiplies_members(self):
        self.policy.department_multiplier = True
        department_policy = self.policy.copy(
            {"code": "DEPT", "owner_type": "department", "department_multiplier": False}
        )
        department_cycle = self.env["hr.work.plan.cycle"].create(
            {
                "name": "Dec dept",
                "policy_id": department_policy.id,
                "date_from": "2026-12-01",
            }
        )
        department_plans = department_cycle.with_user(
            self.user_officer
        ).action_generate_plans()
        sales_plan = department_plans.filtered(
            lambda plan: plan.department_id == self.department
        )
        sales_plan.sudo().write(
            {
                "state": "self_assessed",
                "line_ids": [
                    Command.create(
                        {
                            "name": "Sales",
                            "weight": 100,
                            "completion": "done",
                            "score_manager": 85,
                        }
                    )
                ],
            }
        )
        sales_plan.sudo().action_assess()
        self.assertEqual(sales_plan.coefficient, 1.1)
        plans = self._assessed_cycle([95, 95, 95, 95, 95])
        self.cycle.with_user(self.user_officer).action_close()
        by_owner = {plan.employee_id: plan for plan in plans}
        self.assertAlmostEqual(by_owner[self.staff].coefficient, 1.43)
        self.assertEqual(by_owner[self.staff].department_coefficient, 1.1)
        self.assertEqual(by_owner[self.other].coefficient, 1.3)

    def test_annual_summary(self):
        november = self.env["hr.work.plan.cycle"].create(
            {"name": "Nov", "policy_id": self.policy.id, "date_from": "2026-11-01"}
        )
        self._assessed_cycle([90, 80, 70, 60, 50], cycle=november)
        november.with_user(self.user_officer).action_close()
        self._assessed_cycle([95, 85, 75, 65, 55])
        self.cycle.with_user(self.user_officer).action_close()
        self.env.flush_all()
        Summary = self.env["hr.work.plan.annual.summary"]
        staff = Summary.search(
            [("employee_id", "=", self.staff.id), ("year", "=", 2026)]
        )
        self.assertEqual((staff.plan_count, staff.score_average), (2, 72.5))
        self.assertEqual(staff.grades, "D, C")
        self.assertEqual(staff.grade_id.code, "C")
        self.assertEqual(staff.period_scores, "2026-11-01: 70.00, 2026-12-01: 75.00")
        self.assertEqual(
            Summary.with_user(self.user_staff).search([]).employee_id, self.staff
        )
        self.assertEqual(
            Summary.with_user(self.user_head).search([]).employee_id,
            self.head | self.staff | self.staff2,
        )

    def test_spot_check_findings(self):
        plans = self._assessed_cycle([95, 88, 88, 72, 55])
        staff_plan = plans.filtered(lambda plan: plan.employee_id == self.staff)
        item = staff_plan.line_ids
        Check = self.env["hr.work.plan.check"]
        with self.assertRaises(UserError):
            Check.with_user(self.user_head).create({"plan_id": staff_plan.id})
        check = Check.with_user(self.user_officer).create(
            {
                "plan_id": staff_plan.id,
                "finding_ids": [
                    Command.create({"finding": "false_completion", "line_id": item.id}),
                    Command.create({"finding": "unfair_rating"}),
                ],
            }
        )
        false_completion, unfair = check.finding_ids
        self.assertEqual(false_completion.responsible_id, self.staff)
        self.assertEqual(unfair.responsible_id, self.head)
        check.action_confirm()
        self.assertTrue(item.reported_done_falsely)
        with self.assertRaisesRegex(UserError, "Say which item"):
            Check.with_user(self.user_officer).create(
                {
                    "plan_id": staff_plan.id,
                    "finding_ids": [Command.create({"finding": "false_completion"})],
                }
            )
        draft = self._plan(
            self.staff2, [100], date_from="2027-01-01", date_to="2027-01-31"
        )
        with self.assertRaisesRegex(UserError, "assessed or closed"):
            Check.with_user(self.user_officer).create({"plan_id": draft.id})


@tagged("post_install", "-at_install")
class TestCycleCloseQueries(WorkPlanCase):
    def _queries_to_close(self, owners):
        department, _employees = self._team(
            f"Close {owners}", f"Closer {owners}", owners
        )
        policy = self.policy.copy(
            {
                "code": f"C{owners}",
                "department_ids": [Command.set(department.ids)],
                "grade_ids": grade_commands(TRADE_GRADES),
                "forced_distribution": True,
                "department_multiplier": True,
            }
        )
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "Close", "policy_id": policy.id, "date_from": "2026-12-01"}
        )
        plans = cycle.action_generate_plans()
        for index, plan in enumerate(plans):
            plan.sudo().write(
                {
                    "state": "assessed",
                    "line_ids": [
                        Command.create(
                            {
                                "name": "Work",
                                "weight": 100,
                                "completion": "done",
                                "score_manager": 50 + index % 50,
                            }
                        )
                    ],
                }
            )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        cycle.with_user(self.user_officer).action_close()
        self.env.flush_all()
        self.assertEqual(set(plans.mapped("state")), {"done"})
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_plans(self):
        few = self._queries_to_close(10)
        many = self._queries_to_close(200)
        self.assertLessEqual(many, few + 2, f"10 plans: {few} queries, 200: {many}")
