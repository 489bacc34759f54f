# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import hr_work_plan_cycle
