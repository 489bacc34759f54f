# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

# Every test runs at this moment unless it freezes another: the plans of the
# tests are for December 2026, and their deadlines must not depend on the day
# the suite runs.
CLOCK = "2026-11-20 09:00:00"


class WorkPlanCase(TransactionCase):
    """A small company: a director over a department head over two staff,
    another employee beside the head, and an HR officer."""

    freeze_time = CLOCK

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_director = cls._user("wp_director", "manager")
        cls.user_head = cls._user("wp_head", "manager")
        cls.user_staff = cls._user("wp_staff", "user")
        cls.user_staff2 = cls._user("wp_staff2", "user")
        cls.user_other = cls._user("wp_other", "manager")
        cls.user_officer = cls._user("wp_officer", "officer")
        cls.user_admin = cls._user("wp_admin", "admin")
        Employee = cls.env["hr.employee"]
        cls.board = cls.env["hr.department"].create({"name": "Board"})
        cls.director = Employee.create(
            {
                "name": "Director",
                "user_id": cls.user_director.id,
                "department_id": cls.board.id,
                "parent_id": False,
            }
        )
        cls.board.manager_id = cls.director
        cls.department = cls.env["hr.department"].create(
            {"name": "Sales", "parent_id": cls.board.id}
        )
        cls.other_department = cls.env["hr.department"].create(
            {"name": "Purchase", "parent_id": cls.board.id}
        )
        cls.head = Employee.create(
            {
                "name": "Head",
                "user_id": cls.user_head.id,
                "department_id": cls.department.id,
                "parent_id": cls.director.id,
            }
        )
        cls.department.manager_id = cls.head
        cls.staff = Employee.create(
            {
                "name": "Staff",
                "user_id": cls.user_staff.id,
                "department_id": cls.department.id,
                "parent_id": cls.head.id,
            }
        )
        cls.staff2 = Employee.create(
            {
                "name": "Staff Two",
                "user_id": cls.user_staff2.id,
                "department_id": cls.department.id,
                "parent_id": cls.head.id,
            }
        )
        cls.other = Employee.create(
            {
                "name": "Other",
                "user_id": cls.user_other.id,
                "department_id": cls.other_department.id,
                "parent_id": cls.director.id,
            }
        )
        cls.other_department.manager_id = cls.other
        cls.policy = cls.env["hr.work.plan.policy"].create(
            {
                "name": "Monthly",
                "code": "TEST-M",
                "period_type": "month",
                "total_points": 100,
                "total_rule": "exact",
                "change_window_days": 3,
                "department_ids": [Command.link(cls.board.id)],
                "category_ids": [
                    Command.create({"code": "R", "name": "Routine", "sequence": 1}),
                    Command.create(
                        {
                            "code": "L",
                            "name": "Leader task",
                            "sequence": 2,
                            "counts_in_total": False,
                            "added_by": "approver",
                            "addable_after_approval": True,
                        }
                    ),
                    Command.create(
                        {
                            "code": "G",
                            "name": "Carried over",
                            "sequence": 3,
                            "is_carry_over": True,
                        }
                    ),
                ],
            }
        )
        cls.cat_routine, cls.cat_leader, cls.cat_carried = cls.policy.category_ids

    def _department_plan(self, policy, weights=(60, 40), **values):
        """The head's plan for the Sales department, of ``policy``."""
        return self._plan(
            self.head,
            list(weights),
            policy=policy,
            owner_type="department",
            department_id=self.department.id,
            **values,
        )

    def _copy_preset(self, key, departments=None):
        """The administrator's copy of preset ``key``, for ``departments``
        when given."""
        preset = self.env.ref(f"hr_work_plan.preset_policy_{key}")
        action = preset.with_user(self.user_admin).action_copy_preset()
        policy = self.env["hr.work.plan.policy"].browse(action["res_id"])
        if departments:
            policy.with_user(self.user_admin).department_ids = departments
        return policy

    def _postpone(self, plan, new_deadline="2026-12-28", reason="The supplier is late"):
        """A change request of the plan's owner, submitted, postponing its
        first item to ``new_deadline``."""
        change = (
            self.env["hr.work.plan.change"]
            .with_user(plan.employee_id.user_id)
            .create(
                {
                    "plan_id": plan.id,
                    "change_type": "postpone",
                    "reason": reason,
                    "line_ids": [
                        Command.create(
                            {
                                "plan_line_id": plan.line_ids[0].id,
                                "new_deadline": new_deadline,
                            }
                        )
                    ],
                }
            )
        )
        change.action_submit()
        return change

    @classmethod
    def _user(cls, login, role):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,hr_work_plan.group_work_plan_{role}",
            tz="Asia/Shanghai",
        )

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        """As Odoo's ``assertRaises``: in a savepoint, so that what failed
        leaves nothing behind, as an RPC call would."""
        if args or kwargs:
            return super().assertRaisesRegex(
                expected_exception, expected_regex, *args, **kwargs
            )
        return self._assert_raises_regex(expected_exception, expected_regex)

    @contextmanager
    def _assert_raises_regex(self, expected_exception, expected_regex):
        with self._assertRaises(expected_exception) as context:
            yield context
        self.assertRegex(str(context.exception), expected_regex)

    def _count(self, model, domain=()):
        return self.env[model].search_count(list(domain))

    def _team(self, name, member_name, size):
        """A department of ``size`` employees reporting to the head."""
        department = self.env["hr.department"].create({"name": name})
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": f"{member_name}-{index}",
                    "department_id": department.id,
                    "parent_id": self.head.id,
                }
                for index in range(size)
            ]
        )
        return department, employees

    def flush_tracking(self):
        """Run what Odoo runs at commit: tracking values and their messages."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _plan(self, employee, weights, policy=None, **values):
        """A plan of December 2026, or of the period given, whose items are
        due on the 20th day of the period."""
        policy = policy or self.policy
        date_from = fields.Date.to_date(values.get("date_from", "2026-12-01"))
        return self.env["hr.work.plan"].create(
            {
                "policy_id": policy.id,
                "employee_id": employee.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {
                            "name": f"Item {index}",
                            "weight": weight,
                            "deadline": date_from + timedelta(days=19),
                            "category_id": policy.category_ids[:1].id,
                        }
                    )
                    for index, weight in enumerate(weights, start=1)
                ],
                **values,
            }
        )

    @staticmethod
    def _self_assessed_past_the_workflow(plan, score):
        """``plan`` taken straight to self-assessed, with one item of weight
        100 that the approver scored ``score``: for tests of what follows."""
        plan.sudo().write(
            {
                "state": "self_assessed",
                "line_ids": [
                    Command.create(
                        {
                            "name": "Work",
                            "weight": 100,
                            "completion": "done",
                            "score_manager": score,
                        }
                    )
                ],
            }
        )

    def _approved_plan(self, employee=None, weights=(60, 40), **values):
        employee = employee or self.staff
        plan = self._plan(employee, list(weights), **values)
        plan.with_user(employee.user_id).action_submit()
        plan.with_user(plan.approver_id.user_id).action_approve()
        return plan

    def _assessed_plan(
        self, employee=None, weights=(60, 40), scores=(50, 28), **values
    ):
        """A plan carried out in full, scored ``scores`` by the approver."""
        plan = self._approved_plan(employee, weights, **values)
        self._report(plan, *["done"] * len(weights))
        plan.with_user(plan.employee_id.user_id).action_self_assess()
        self._score(plan, *scores)
        plan.with_user(plan.approver_id.user_id).action_assess()
        return plan

    def _score(self, plan, *scores):
        """The approver's points for each item, in order."""
        items = plan.line_ids.filtered(lambda line: not line.display_type)
        for item, score in zip(items, scores, strict=True):
            item.with_user(plan.approver_id.user_id).score_manager = score

    def _report(self, plan, *completions):
        items = plan.line_ids.filtered(lambda line: not line.display_type)
        for item, completion in zip(items, completions, strict=True):
            item.with_user(plan.employee_id.user_id).write(
                {"completion": completion, "score_self": item.weight}
            )
