# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RATING_ROLES = [("peer", "Peer"), ("subordinate", "Subordinate")]


class HrWorkPlanRating(models.Model):
    """A peer's or a subordinate's score of a plan (360° raters). Only the
    rater and officers see a rating; the plan shows their average."""

    _name = "hr.work.plan.rating"
    _description = "Work Plan Peer or Subordinate Rating"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "plan_id, id"

    plan_id = fields.Many2one(
        "hr.work.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    role = fields.Selection(RATING_ROLES, required=True)
    rater_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, readonly=True
    )
    score = fields.Float(required=True)
    comment = fields.Text()

    _sql_constraints = [
        (
            "rater_uniq",
            "unique(plan_id, rater_id)",
            "Each rater scores a plan once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals["rater_id"] = self.env.user.id
                self._check_rater(
                    self.env["hr.work.plan"].sudo().browse(vals.get("plan_id")),
                    vals.get("role"),
                    vals.get("score", 0.0),
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("A rating cannot be changed once given."))
        return super().write(vals)

    @api.model
    def _plans_to_rate(self):
        """``{plan: role}`` of the plans waiting for the current user's
        rating: self-assessed plans of their peers (same superior) and of
        their superior, whose policy asks for that role's rating, that the
        user has not rated yet. As superuser: raters may not read the plans
        themselves."""
        raters = self.env.user.employee_ids.sudo()
        superiors = raters.parent_id
        if not superiors:
            return {}
        plans = (
            self.env["hr.work.plan"]
            .sudo()
            .search(
                [
                    ("state", "=", "self_assessed"),
                    ("company_id", "in", self.env.companies.ids),
                    ("employee_id", "not in", raters.ids),
                    "|",
                    ("employee_id", "in", superiors.ids),
                    ("employee_id.parent_id", "in", superiors.ids),
                ],
                order="date_from desc, id desc",
            )
        )
        rated = (
            self.sudo()
            .search([("plan_id", "in", plans.ids), ("rater_id", "=", self.env.uid)])
            .plan_id
        )
        to_rate = {}
        for plan in plans - rated:
            roles = self._rater_roles(plan.employee_id) & set(plan._basis().raters)
            if roles:
                to_rate[plan] = "subordinate" if "subordinate" in roles else "peer"
        return to_rate

    @api.model
    def _rater_roles(self, owner):
        """The roles in which the current user rates ``owner``'s plan: peer
        when they share a superior, subordinate when ``owner`` is theirs."""
        raters = self.env.user.employee_ids.sudo()
        owner = owner.sudo()
        roles = set()
        if raters & (owner.parent_id.child_ids - owner):
            roles.add("peer")
        if raters & owner.child_ids:
            roles.add("subordinate")
        return roles

    @api.model
    def _check_rater(self, plan, role, score):
        """Raise unless the current user may rate ``plan`` as ``role``."""
        owner = plan.employee_id
        if role not in self._rater_roles(owner):
            raise AccessError(
                self.env._("Only %s's peers rate their plan as a peer.", owner.name)
                if role == "peer"
                else self.env._(
                    "Only %s's subordinates rate their plan as a subordinate.",
                    owner.name,
                )
            )
        if plan.state != "self_assessed":
            raise UserError(
                self.env._(
                    "Plan %s is rated once it is self-assessed.", plan.display_name
                )
            )
        self._parse_score(score, plan.policy_id.total_points)
        if plan.rating_ids.filtered(lambda rating: rating.rater_id == self.env.user):
            raise UserError(
                self.env._("You have already rated plan %s.", plan.display_name)
            )
