# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from openpyxl import load_workbook

from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPlanXlsx(WorkPlanCase):
    def test_spreadsheet_lists_the_plans(self):
        plans = self._plan(self.staff, [60, 40]) | self._plan(self.head, [100])
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render("hr_work_plan_report.action_report_work_plan_xlsx", plans.ids)
        )
        self.assertEqual(file_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:2], ("Name", "Owner"))
        self.assertEqual([row[1] for row in rows[1:]], ["Staff", "Head"])
        self.assertEqual([row[6] for row in rows[1:]], [100, 100])
        self.assertEqual(rows[0][8:], ("Grade", "Coefficient", "Rank"))
