from . import hr_work_plan_penalty, hr_work_plan_penalty_rule, hr_work_plan_policy
