from . import (
    hr_department,
    hr_employee,
    hr_work_plan,
    hr_work_plan_category,
    hr_work_plan_cycle,
    hr_work_plan_line,
    hr_work_plan_policy,
    hr_work_plan_state_mixin,
)
