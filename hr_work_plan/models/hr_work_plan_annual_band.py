# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scoring import AnnualBand

# a year of weekly plans at the largest points a grade may give
MAX_ANNUAL_POINTS = 10000


class HrWorkPlanAnnualBand(models.Model):
    """An annual grade of a policy that sums its periods' grade points
    (医疗器械: ≥ 5 A, ≥ 3 B, ≥ 0 C, below 0 D)."""

    _name = "hr.work.plan.annual.band"
    _description = "Work Plan Annual Grade Band"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, min_points desc, id"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    code = fields.Char(required=True)
    name = fields.Char(translate=True)
    min_points = fields.Float(
        string="Minimum Points",
        help="A year whose grade points reach this sum gets this annual grade, "
        "unless it reaches a higher band; the lowest band also holds every "
        "sum below its minimum.",
    )
    grade_id = fields.Many2one(
        "hr.work.plan.grade",
        domain="[('policy_id', '=', policy_id)]",
        ondelete="set null",
        copy=False,
        help="Grade of the policy that the annual grade stands for, if any.",
    )

    _sql_constraints = [
        (
            "code_uniq",
            "unique(policy_id, code)",
            "Annual grade codes are unique per policy.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for band in self:
            band.display_name = f"{band.code} {band.name}" if band.name else band.code

    @api.constrains("min_points")
    def _check_min_points(self):
        self._check_range("min_points", -MAX_ANNUAL_POINTS, MAX_ANNUAL_POINTS)

    @api.constrains("grade_id", "policy_id")
    def _check_grade_policy(self):
        for band in self:
            if band.grade_id and band.grade_id.policy_id != band.policy_id:
                raise ValidationError(
                    self.env._(
                        "Annual grade %(band)s stands for grade %(grade)s of another "
                        "policy.",
                        band=band.display_name,
                        grade=band.grade_id.display_name,
                    )
                )

    def _as_annual_band(self):
        self.ensure_one()
        return AnnualBand(self.id, self.min_points)
