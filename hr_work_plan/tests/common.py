# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class WorkPlanCase(TransactionCase):
    """A small company: a director over a department manager over two staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.user_director = cls._user("wp_director", "manager")
        cls.user_head = cls._user("wp_head", "manager")
        cls.user_staff = cls._user("wp_staff", "user")
        cls.user_other = cls._user("wp_other", "user")
        cls.user_officer = cls._user("wp_officer", "officer")
        Employee = cls.env["hr.employee"]
        cls.director = Employee.create(
            {"name": "Director", "user_id": cls.user_director.id}
        )
        cls.department = cls.env["hr.department"].create({"name": "Sales"})
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
        cls.other = Employee.create(
            {
                "name": "Other",
                "user_id": cls.user_other.id,
                "parent_id": cls.director.id,
            }
        )
        cls.policy = cls.env["hr.work.plan.policy"].create(
            {
                "name": "Monthly",
                "code": "TEST-M",
                "total_points": 100,
                "total_rule": "exact",
                "category_ids": [
                    Command.create({"code": "R", "name": "Routine"}),
                    Command.create(
                        {
                            "code": "L",
                            "name": "Leader task",
                            "counts_in_total": False,
                            "added_by": "approver",
                        }
                    ),
                ],
            }
        )
        cls.cat_routine, cls.cat_leader = cls.policy.category_ids

    @classmethod
    def _user(cls, login, role):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,hr_work_plan.group_work_plan_{role}",
        )

    def flush_tracking(self):
        """Run what Odoo runs at commit: tracking values and their messages."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _plan(self, employee, weights, **values):
        return self.env["hr.work.plan"].create(
            {
                "policy_id": self.policy.id,
                "employee_id": employee.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {
                            "name": f"Item {i}",
                            "weight": weight,
                            "category_id": self.cat_routine.id,
                        }
                    )
                    for i, weight in enumerate(weights)
                ],
                **values,
            }
        )
