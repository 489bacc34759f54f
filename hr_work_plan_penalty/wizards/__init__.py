from . import hr_work_plan_reason_wizard
