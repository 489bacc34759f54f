from . import hr_payslip_input
from . import hr_payslip
from . import hr_work_plan
from . import hr_work_plan_penalty
from . import hr_work_plan_policy
