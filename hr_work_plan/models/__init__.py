from . import hr_work_plan_state_mixin
from . import hr_work_plan_policy
from . import hr_work_plan_category
from . import hr_work_plan_cycle
from . import hr_work_plan
from . import hr_work_plan_line
from . import hr_employee
from . import hr_department
