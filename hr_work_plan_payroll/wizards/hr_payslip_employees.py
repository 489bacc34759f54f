# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..models.hr_payslip import DEFER_CONTEXT_KEY


class HrPayslipEmployees(models.TransientModel):
    _inherit = "hr.payslip.employees"

    def compute_sheet(self):
        """Generate the payslips with their work plan inputs empty: computing
        the sheets fills those of every payslip of the run at once."""
        return super(
            HrPayslipEmployees, self.with_context(**{DEFER_CONTEXT_KEY: True})
        ).compute_sheet()
