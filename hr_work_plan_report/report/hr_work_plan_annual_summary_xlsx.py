# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from babel.dates import get_month_names

from odoo import models
from odoo.tools.misc import babel_locale_parse, get_lang

from .xlsx_table import Column, Formats, write_table, write_totals

MONTHS = range(1, 13)


class HrWorkPlanAnnualSummaryXlsx(models.AbstractModel):
    _name = "report.hr_work_plan_report.annual_summary_xlsx"
    _description = "Work Plan Annual Summary Spreadsheet"
    _inherit = "report.report_xlsx.abstract"

    def _summary_columns(self):
        Summary = self.env["hr.work.plan.annual.summary"]
        info = Summary.fields_get(
            [
                "employee_id",
                "department_id",
                "policy_id",
                "year",
                "plan_count",
                "score_average",
                "score_min",
                "score_max",
                "grade_id",
                "grade_points",
                "raise_percent",
            ],
            ["string"],
        )
        months = get_month_names(
            "abbreviated", locale=babel_locale_parse(get_lang(self.env).code)
        )
        return [
            Column(info["employee_id"]["string"], 22),
            Column(info["department_id"]["string"], 30),
            Column(info["policy_id"]["string"], 22),
            Column(info["year"]["string"], 8, "integer"),
            *(Column(months[month], 8, "number", True) for month in MONTHS),
            Column(info["plan_count"]["string"], 8, "integer", True),
            Column(info["score_average"]["string"], 10, "number", True),
            Column(info["score_min"]["string"], 10, "number", True),
            Column(info["score_max"]["string"], 10, "number", True),
            Column(info["grade_id"]["string"], 14),
            Column(info["grade_points"]["string"], 10, "number", True),
            Column(info["raise_percent"]["string"], 12, "percent", True),
        ]

    def _month_scores(self, summaries):
        """The final score of each closed plan of the summaries, by owner,
        policy, company, year and month, read in one search. Periods shorter
        than a month (weeks) give the month the average of their scores."""
        years = summaries.mapped("year")
        if not years:
            return {}
        owners = summaries.employee_id.ids
        if not all(summaries.mapped("employee_id")):
            owners.append(False)  # plans of departments
        plans = self.env["hr.work.plan"].search_fetch(
            [
                ("state", "=", "done"),
                ("employee_id", "in", owners),
                ("policy_id", "in", summaries.policy_id.ids),
                ("company_id", "in", summaries.company_id.ids),
                ("date_from", ">=", f"{min(years)}-01-01"),
                ("date_from", "<=", f"{max(years)}-12-31"),
            ],
            ["employee_id", "policy_id", "company_id", "date_from", "score_final"],
        )
        scores = defaultdict(list)
        for plan in plans:
            key = (
                plan.employee_id.id,
                plan.policy_id.id,
                plan.company_id.id,
                plan.date_from.year,
            )
            scores[key, plan.date_from.month].append(plan.score_final)
        by_summary = defaultdict(dict)
        for (key, month), values in scores.items():
            by_summary[key][month] = sum(values) / len(values)
        return by_summary

    def _summary_row(self, summary, months):
        points = summary.policy_id.annual_method == "grade_points"
        return [
            summary.employee_id.name,
            summary.department_id.complete_name,
            summary.policy_id.name,
            summary.year,
            *(months.get(month) for month in MONTHS),
            summary.plan_count,
            summary.score_average,
            summary.score_min,
            summary.score_max,
            summary.grade_id.display_name,
            summary.grade_points if points else None,
            summary.raise_percent / 100 if summary.grade_id else None,
        ]

    def generate_xlsx_report(self, workbook, data, summaries):
        """One row per owner, policy and year: the score of each month's
        closed plan (blank for a month without one), the count, average,
        lowest and highest scores, the annual grade, its grade points (where
        the policy sums them) and the raise it gives; an average row under
        them."""
        formats = Formats(workbook)
        sheet = workbook.add_worksheet(self.env._("Annual Summary"))
        columns = self._summary_columns()
        month_scores = self._month_scores(summaries)
        rows = [
            self._summary_row(
                summary,
                month_scores.get(
                    (
                        summary.employee_id.id,
                        summary.policy_id.id,
                        summary.company_id.id,
                        summary.year,
                    ),
                    {},
                ),
            )
            for summary in summaries
        ]
        row = write_table(sheet, 0, columns, rows, formats)
        if rows:
            write_totals(
                sheet,
                row,
                columns,
                (1, row - 1),
                rows,
                formats,
                self.env._("Average"),
                aggregate="average",
            )
