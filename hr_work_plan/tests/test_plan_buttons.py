# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import WorkPlanCase

REFUSALS = (AccessError, UserError, ValidationError)


class Rollback(Exception):
    """Undoes a button press that went through."""


@tagged("post_install", "-at_install")
class TestPlanButtons(WorkPlanCase):
    """Each role sees exactly the buttons of the plan form it may press: a
    button shows when pressing it goes through, and hides when the server
    would refuse it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_head_officer = cls._user("wp_head_officer", "officer")
        cls.head_officer = cls.env["hr.employee"].create(
            {
                "name": "Head and officer",
                "user_id": cls.user_head_officer.id,
                "department_id": cls.department.id,
                "parent_id": cls.director.id,
            }
        )
        cls.staff3 = cls.env["hr.employee"].create(
            {
                "name": "Staff Three",
                "user_id": cls._user("wp_staff3", "user").id,
                "department_id": cls.department.id,
                "parent_id": cls.head_officer.id,
            }
        )

    def _plans_in_every_state(self, employee):
        """One plan of ``employee`` in each state, ready for its next step;
        each under its own policy, since an owner has one open plan per
        policy and period."""
        policies = iter(
            self.policy.copy({"code": f"BUTTONS-{index}"}) for index in range(7)
        )

        def values():
            return {"policy": next(policies)}

        draft = self._plan(employee, [60, 40], **values())
        submitted = self._plan(employee, [60, 40], **values())
        submitted.with_user(employee.user_id).action_submit()
        approved = self._approved_plan(employee, **values())
        self._report(approved, "done", "done")
        self_assessed = self._approved_plan(employee, **values())
        self._report(self_assessed, "done", "done")
        self_assessed.with_user(employee.user_id).action_self_assess()
        self._score(self_assessed, 50, 30)
        assessed = self._assessed_plan(employee, **values())
        done = self._assessed_plan(employee, **values())
        done.with_user(self.user_officer).action_done()
        cancelled = self._plan(employee, [100], **values())
        cancelled.with_user(employee.user_id).action_cancel()
        return (
            draft | submitted | approved | self_assessed | assessed | done | cancelled
        )

    def _header_buttons(self, plan):
        """The object buttons of the form's header as ``plan``'s user gets
        them, with whether each shows."""
        view = plan.get_views([(False, "form")])["views"]["form"]
        arch = etree.fromstring(view["arch"])
        names = set(arch.xpath("//header//field/@name")) | {"state"}
        record = plan.read(list(names))[0]
        values = {
            name: value[0] if isinstance(value, tuple) else value
            for name, value in record.items()
        }
        values.update(uid=plan.env.uid, context={})
        # a method behind two buttons (Approve, Confirm the Scores) shows
        # when either does
        shown = {}
        for button in arch.xpath("//header/button[@type='object']"):
            visible = not safe_eval(button.get("invisible", "False"), values)
            shown[button.get("name")] = shown.get(button.get("name")) or visible
        return shown

    def _goes_through(self, plan, method):
        try:
            with self.env.cr.savepoint():
                getattr(plan, method)()
                raise Rollback
        except Rollback:
            return True
        except REFUSALS:
            return False
        finally:
            self.env.invalidate_all()

    def _check_buttons(self, plans, user):
        mismatches = [
            (plan.state, method, "shown" if shown else "hidden")
            for plan in plans.with_user(user)
            for method, shown in self._header_buttons(plan).items()
            if shown != self._goes_through(plan, method)
        ]
        self.assertEqual(mismatches, [], f"buttons that mislead {user.login}")

    def test_owner(self):
        self._check_buttons(self._plans_in_every_state(self.staff), self.user_staff)

    def test_approver(self):
        self._check_buttons(self._plans_in_every_state(self.staff), self.user_head)

    def test_officer(self):
        self._check_buttons(self._plans_in_every_state(self.staff), self.user_officer)

    def test_approver_who_is_an_officer(self):
        plans = self._plans_in_every_state(self.staff3)
        self._check_buttons(plans, self.user_head_officer)
        buttons = self._header_buttons(
            plans.filtered(lambda plan: plan.state == "submitted").with_user(
                self.user_head_officer
            )
        )
        self.assertTrue(buttons["action_approve"])

    def test_officer_on_his_own_plan(self):
        plans = self._plans_in_every_state(self.head_officer)
        self._check_buttons(plans, self.user_head_officer)

    def test_owner_who_acknowledges(self):
        self.policy.acknowledge = "both"
        self._check_buttons(self._plans_in_every_state(self.staff), self.user_staff)

    def test_officer_where_owners_acknowledge(self):
        self.policy.acknowledge = "both"
        self._check_buttons(self._plans_in_every_state(self.staff), self.user_officer)

    def test_superior_of_the_approver(self):
        self._check_buttons(self._plans_in_every_state(self.staff), self.user_director)
