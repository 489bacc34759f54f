# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Work Plan Payroll",
    "summary": "Work plan scores, coefficients, fines and rewards in payslips",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Work Plans",
    "website": "https://github.com/work-plan-assessment/hr-work-plan",
    "author": "Work Plan Assessment",
    "license": "LGPL-3",
    "auto_install": True,
    "depends": ["hr_work_plan_penalty", "payroll"],
    "data": [
        "data/hr_payroll_structure_data.xml",
        "views/hr_payslip_views.xml",
        "views/hr_work_plan_views.xml",
    ],
    "demo": ["demo/hr_work_plan_payroll_demo.xml"],
}
