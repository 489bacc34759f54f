# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Work Plan Reports",
    "summary": "Spreadsheets and analysis of work plans, scores, fines and rewards",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Work Plans",
    "website": "https://github.com/work-plan-assessment/hr-work-plan",
    "author": "Work Plan Assessment",
    "license": "LGPL-3",
    "depends": ["hr_work_plan_penalty", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "report/hr_work_plan_reports.xml",
        "report/hr_work_plan_form_templates.xml",
        "views/hr_work_plan_analysis_views.xml",
    ],
}
