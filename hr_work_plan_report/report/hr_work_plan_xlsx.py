# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

COLUMNS = [
    ("name", 36),
    ("employee_id", 24),
    ("department_id", 24),
    ("date_from", 12),
    ("date_to", 12),
    ("state", 14),
    ("total_weight", 10),
    ("score_final", 10),
    ("grade_id", 12),
    ("coefficient", 10),
    ("rank", 8),
]


class HrWorkPlanXlsx(models.AbstractModel):
    _name = "report.hr_work_plan_report.work_plan_xlsx"
    _description = "Work Plans Spreadsheet"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, plans):
        sheet = workbook.add_worksheet(self.env._("Work Plans"))
        bold = workbook.add_format({"bold": True, "bg_color": "#E0EEF0"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        fields_info = plans.fields_get([name for name, _width in COLUMNS])
        for col, (name, width) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
            sheet.write(0, col, fields_info[name]["string"], bold)
        states = dict(fields_info["state"]["selection"])
        for row, plan in enumerate(plans, start=1):
            sheet.write(row, 0, plan.name or "")
            sheet.write(row, 1, plan.employee_id.name or "")
            sheet.write(row, 2, plan.department_id.name or "")
            sheet.write_datetime(row, 3, plan.date_from, date_format)
            sheet.write_datetime(row, 4, plan.date_to, date_format)
            sheet.write(row, 5, states.get(plan.state, ""))
            sheet.write_number(row, 6, plan.total_weight)
            sheet.write_number(row, 7, plan.score_final)
            sheet.write(row, 8, plan.grade_id.display_name or "")
            sheet.write_number(row, 9, plan.coefficient)
            sheet.write_number(row, 10, plan.rank)
        sheet.freeze_panes(1, 0)
