# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Work Plan Fines and Rewards",
    "summary": "Fines, fault slips and rewards attached to work plans",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Work Plans",
    "website": "https://github.com/work-plan-assessment/hr-work-plan",
    "author": "Work Plan Assessment",
    "license": "LGPL-3",
    "depends": ["hr_work_plan"],
    "data": [
        "security/ir.model.access.csv",
        "security/hr_work_plan_penalty_rules.xml",
        "data/hr_work_plan_penalty_rule_presets.xml",
        "data/hr_work_plan_penalty_rule_presets_d.xml",
        "data/ir_cron_data.xml",
        "views/hr_work_plan_penalty_rule_views.xml",
        "views/hr_work_plan_penalty_views.xml",
        "views/hr_work_plan_case_views.xml",
        "views/hr_work_plan_views.xml",
        "views/hr_work_plan_penalty_menus.xml",
    ],
}
