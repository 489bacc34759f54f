from . import hr_work_plan_xlsx
