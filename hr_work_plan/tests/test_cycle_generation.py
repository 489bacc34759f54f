# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestCycleGeneration(WorkPlanCase):
    def _cycle(self, policy=None, date_from="2026-12-01"):
        return self.env["hr.work.plan.cycle"].create(
            {
                "name": date_from[:7],
                "policy_id": (policy or self.policy).id,
                "date_from": date_from,
            }
        )

    def _generate(self, cycle):
        return cycle.with_user(self.user_officer).action_generate_plans()

    def test_one_draft_plan_per_employee_in_scope(self):
        cycle = self._cycle()
        self.assertEqual(str(cycle.date_to), "2026-12-31")
        plans = self._generate(cycle)
        self.assertEqual(
            plans.employee_id,
            self.director | self.head | self.staff | self.staff2 | self.other,
        )
        self.assertEqual(set(plans.mapped("state")), {"draft"})
        staff_plan = plans.filtered(lambda plan: plan.employee_id == self.staff)
        self.assertEqual(staff_plan.approver_id, self.head)
        self.assertEqual(
            staff_plan.message_partner_ids,
            self.user_staff.partner_id | self.user_head.partner_id,
        )
        self.assertEqual(cycle.state, "planning")
        self.assertEqual((cycle.plan_count, cycle.draft_count), (5, 5))
        self.assertIn("5 plans generated", cycle.message_ids[0].body)

    def test_running_twice_creates_nothing(self):
        cycle = self._cycle()
        self._generate(cycle)
        self.assertFalse(self._generate(cycle))
        self.assertEqual(cycle.plan_count, 5)

    def test_owner_with_a_plan_is_skipped(self):
        own = self._plan(self.staff, [100])
        cycle = self._cycle()
        plans = self._generate(cycle)
        self.assertNotIn(self.staff, plans.employee_id)
        self.assertEqual(len(plans), 4)
        self.assertFalse(own.cycle_id)

    def test_excluded_department_and_probation(self):
        self.policy.write(
            {
                "exclude_department_ids": [Command.link(self.other_department.id)],
                "include_probation": False,
            }
        )
        self.staff2.probation_end_date = "2027-01-15"
        plans = self._generate(self._cycle())
        self.assertEqual(plans.employee_id, self.director | self.head | self.staff)
        later = self._generate(self._cycle(date_from="2027-02-01"))
        self.assertIn(self.staff2, later.employee_id)

    def test_jobs_and_designated_employees(self):
        deputy = self.env["hr.job"].create({"name": "Deputy manager"})
        self.head.job_id = deputy
        self.policy.write(
            {
                "department_ids": [Command.clear()],
                "job_ids": [Command.set(deputy.ids)],
                "employee_ids": [Command.set(self.staff2.ids)],
            }
        )
        plans = self._generate(self._cycle())
        self.assertEqual(plans.employee_id, self.head | self.staff2)

    def test_department_plans_belong_to_managers(self):
        policy = self.policy.copy(
            {
                "code": "DEPT",
                "owner_type": "department",
                "department_ids": [Command.set(self.board.ids)],
            }
        )
        plans = self._generate(self._cycle(policy))
        self.assertEqual(
            plans.department_id, self.board | self.department | self.other_department
        )
        sales = plans.filtered(lambda plan: plan.department_id == self.department)
        self.assertEqual(
            (sales.employee_id, sales.owner_type), (self.head, "department")
        )
        self.assertEqual(sales.approver_id, self.director)
        self.assertFalse(self._generate(plans.cycle_id))

    def test_unfinished_items_are_carried_over(self):
        november = self._plan(
            self.staff, [50, 30, 20], date_from="2026-11-01", date_to="2026-11-30"
        )
        november.with_user(self.user_staff).action_submit()
        november.with_user(self.user_head).action_approve()
        self._report(november, "done", "not_done", "partial")
        cycle = self._cycle()
        plans = self._generate(cycle)
        december = plans.filtered(lambda plan: plan.employee_id == self.staff)
        carried = december.line_ids
        self.assertEqual(carried.carried_from_id, november.line_ids[1:])
        self.assertEqual(carried.mapped("name"), ["Item 2", "Item 3"])
        self.assertEqual(carried.mapped("weight"), [30, 20])
        self.assertEqual(carried.category_id, self.cat_carried)
        self.assertFalse(carried.filtered("completion"))
        other = plans.filtered(lambda plan: plan.employee_id == self.staff2)
        self.assertFalse(other.line_ids)

    def test_no_carry_over_when_the_policy_says_so(self):
        november = self._plan(
            self.staff, [100], date_from="2026-11-01", date_to="2026-11-30"
        )
        self.assertTrue(november)
        self.policy.carry_over = False
        plans = self._generate(self._cycle())
        self.assertFalse(plans.line_ids)

    def test_week_plans_join_the_month_plan(self):
        month = self._plan(self.staff, [100])
        weekly = self.policy.copy({"code": "WEEK", "period_type": "week"})
        cycle = self._cycle(weekly, date_from="2026-12-07")
        self.assertEqual(str(cycle.date_to), "2026-12-13")
        plans = self._generate(cycle)
        self.assertEqual(
            plans.filtered(lambda plan: plan.employee_id == self.staff).parent_id, month
        )
        self.assertEqual(month.child_ids.employee_id, self.staff)

    def test_closed_cycle_generates_nothing(self):
        cycle = self._cycle()
        cycle.write({"state": "executing"})
        with self.assertRaises(UserError):
            self._generate(cycle)


@tagged("post_install", "-at_install")
class TestCycleGenerationQueries(WorkPlanCase):
    def _queries_to_generate(self, owners):
        department, _employees = self._team(
            f"Team of {owners}", f"Member {owners}", owners
        )
        policy = self.policy.copy(
            {"code": f"Q{owners}", "department_ids": [Command.set(department.ids)]}
        )
        previous = self.env["hr.work.plan.cycle"].create(
            {"name": "Nov", "policy_id": policy.id, "date_from": "2026-11-01"}
        )
        previous.action_generate_plans()
        previous.plan_ids.line_ids = [
            Command.create({"name": "Open item", "weight": 100})
        ]
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": policy.id, "date_from": "2026-12-01"}
        )
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        plans = cycle.with_user(self.user_officer).action_generate_plans()
        self.env.flush_all()
        self.assertEqual(len(plans), owners)
        self.assertEqual(len(plans.line_ids), owners)
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_owners(self):
        few = self._queries_to_generate(10)
        many = self._queries_to_generate(100)
        self.assertLessEqual(many, few + 10, f"10 owners: {few} queries, 100: {many}")


@tagged("post_install", "-at_install")
class TestCycleValidation(WorkPlanCase):
    def test_one_cycle_per_policy_and_period(self):
        Cycle = self.env["hr.work.plan.cycle"]
        Cycle.create(
            {"name": "Dec", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        with self.assertRaisesRegex(UserError, "already has a cycle"):
            Cycle.create(
                {
                    "name": "Dec 2",
                    "policy_id": self.policy.id,
                    "date_from": "2026-12-01",
                }
            )

    def test_cycle_period_order(self):
        with self.assertRaisesRegex(UserError, "before it starts"):
            self.env["hr.work.plan.cycle"].create(
                {
                    "name": "Backwards",
                    "policy_id": self.policy.id,
                    "date_from": "2026-12-01",
                    "date_to": "2026-11-01",
                }
            )
