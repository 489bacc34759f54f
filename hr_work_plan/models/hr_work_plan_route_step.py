# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROUTE_STAGES = [
    ("plan", "Plan approval"),
    ("change", "Change request"),
    ("assessment", "Assessment review"),
    ("result", "Result sign-off"),
]

APPROVER_TYPES = [
    ("direct_manager", "Direct superior"),
    ("second_manager", "Next-level superior"),
    ("department_manager", "Department manager"),
    ("group", "Members of a group"),
    ("user", "A user"),
]

ROUTE_MODES = [
    ("any", "Any one of them (或签)"),
    ("all", "All of them (会签)"),
]


class HrWorkPlanRouteStep(models.Model):
    """One step of a policy's approval route: who decides, and how."""

    _name = "hr.work.plan.route.step"
    _description = "Work Plan Approval Step"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, stage, sequence, id"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    stage = fields.Selection(ROUTE_STAGES, required=True, default="plan")
    sequence = fields.Integer(default=10, help="Lower steps decide first.")
    name = fields.Char(required=True, translate=True)
    approver_type = fields.Selection(
        APPROVER_TYPES, string="Decided by", required=True, default="direct_manager"
    )
    group_id = fields.Many2one("res.groups")
    user_id = fields.Many2one("res.users")
    mode = fields.Selection(ROUTE_MODES, required=True, default="any")

    @api.constrains("approver_type", "group_id", "user_id")
    def _check_approver(self):
        for step in self:
            if step.approver_type == "group" and not step.group_id:
                raise ValidationError(
                    self.env._("Step %s is decided by a group: name it.", step.name)
                )
            if step.approver_type == "user" and not step.user_id:
                raise ValidationError(
                    self.env._("Step %s is decided by a user: name them.", step.name)
                )

    @api.constrains("sequence")
    def _check_sequence(self):
        self._check_range("sequence", 0, 10000)

    def _deciders(self, plan, excluded):
        """The users who decide this step on ``plan``; the ``excluded``
        (the owner, a change's requester) never decide and pass the step to
        their superior."""
        self.ensure_one()
        approver = plan.approver_id
        users = {
            "direct_manager": lambda: approver.user_id,
            "second_manager": lambda: approver.parent_id.user_id,
            "department_manager": lambda: plan.department_id.manager_id.user_id,
            "group": lambda: self.group_id.users.filtered(lambda user: not user.share),
            "user": lambda: self.user_id,
        }[self.approver_type]()
        for user in users & excluded:
            superior = user.employee_ids.filtered(
                lambda employee: employee.company_id == plan.company_id
            )[:1].parent_id.user_id
            users = users - user | superior
        return (users - excluded).filtered("active")
