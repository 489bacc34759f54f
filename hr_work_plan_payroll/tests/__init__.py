from . import test_payslip_bridge
