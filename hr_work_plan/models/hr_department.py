# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    # Record rules on plans read the departments a user manages; their
    # domains are cached per user, so a change of manager must clear them.
    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        if any(vals.get("manager_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return departments

    def write(self, vals):
        result = super().write(vals)
        if "manager_id" in vals:
            self.env.registry.clear_cache()
        return result
