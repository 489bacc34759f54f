from . import hr_work_plan_reason_wizard
from . import hr_work_plan_rating_wizard
from . import hr_work_plan_forward_wizard
