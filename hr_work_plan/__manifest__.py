# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Work Plan Assessment",
    "summary": "Weighted work plans, approvals, changes, scoring and grades",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Work Plans",
    "website": "https://github.com/work-plan-assessment/hr-work-plan",
    "author": "Work Plan Assessment",
    "license": "LGPL-3",
    "application": True,
    "depends": ["hr", "mail"],
    "data": [
        "security/hr_work_plan_security.xml",
        "security/ir.model.access.csv",
        "security/hr_work_plan_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/hr_work_plan_policy_presets.xml",
        "report/hr_work_plan_cycle_templates.xml",
        "wizards/hr_work_plan_reason_wizard_views.xml",
        "views/hr_work_plan_policy_views.xml",
        "views/hr_work_plan_cycle_views.xml",
        "views/hr_work_plan_views.xml",
        "views/hr_work_plan_change_views.xml",
        "views/hr_work_plan_appeal_views.xml",
        "views/hr_work_plan_check_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_work_plan_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "hr_work_plan/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/hr_work_plan_demo.xml",
    ],
}
