# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


def _count_work_plans(employees):
    """Set ``work_plan_count`` of ``employees`` (private or public profiles):
    the plans of each that the current user may read, in one query."""
    counts = employees.env["hr.work.plan"]._read_group(
        [("employee_id", "in", employees._origin.ids)], ["employee_id"], ["__count"]
    )
    by_id = {owner.id: count for owner, count in counts}
    for employee in employees:
        employee.work_plan_count = by_id.get(employee._origin.id, 0)


def _open_work_plans(employee):
    employee.ensure_one()
    action = employee.env["ir.actions.act_window"]._for_xml_id(
        "hr_work_plan.hr_work_plan_action_all"
    )
    action.update(
        name=employee.env._("Work Plans of %s", employee.name),
        domain=[("employee_id", "=", employee.id)],
        context={"default_employee_id": employee.id},
    )
    return action


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Counted as the current user: record rules decide which plans count.
    # For managers and officers; other users find their own plans in the app.
    work_plan_count = fields.Integer(
        string="Work Plans",
        compute="_compute_work_plan_count",
        groups="hr_work_plan.group_work_plan_manager",
    )

    probation_end_date = fields.Date(
        groups="hr.group_hr_user",
        help="Last day of probation; work plan policies may leave out employees "
        "on probation.",
    )
    # Read by the record rules on plans only. Rules evaluate ``user`` as
    # superuser (``env.user`` is sudo), so the group does not stop a manager
    # without it, while users who see the public profile only never reach it.
    work_plan_managed_department_ids = fields.Many2many(
        "hr.department",
        compute="_compute_work_plan_managed_department_ids",
        string="Managed Departments",
        groups="hr.group_hr_user",
    )

    def _compute_work_plan_managed_department_ids(self):
        managed = dict(
            self.env["hr.department"]._read_group(
                [("manager_id", "in", self.ids)], ["manager_id"], ["id:recordset"]
            )
        )
        for employee in self:
            employee.work_plan_managed_department_ids = managed.get(
                employee, self.env["hr.department"]
            )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_work_plan_count(self):
        _count_work_plans(self)

    def action_open_work_plans(self):
        return _open_work_plans(self)

    # Record rules on plans read ``user.employee_ids``; their domains are
    # cached per user, so linking an employee to a user must clear them.
    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return employees

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals:
            self.env.registry.clear_cache()
        return result


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # managers without an HR role see colleagues' public profiles
    work_plan_count = fields.Integer(
        string="Work Plans",
        compute="_compute_work_plan_count",
        groups="hr_work_plan.group_work_plan_manager",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_work_plan_count(self):
        _count_work_plans(self)

    def action_open_work_plans(self):
        return _open_work_plans(self)
