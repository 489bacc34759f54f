# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

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
