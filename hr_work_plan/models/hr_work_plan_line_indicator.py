# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Indicator items of a plan: KPIs, rubrics, checklists, deductions, bonuses
and vetoes. How each type scores is in tools/scoring.py; here are their
fields, who enters what, and the rules of their values."""

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import formatting, scoring
from .hr_work_plan_indicator import (
    CURVES,
    DIRECTIONS,
    INDICATOR_PARAMETERS,
    OUTSIDE_TOTAL_TYPES,
    SCORING_STATES,
    check_curve_parameters,
)


# one concern of the item model per file, as its module docstring says
class HrWorkPlanLine(models.Model):
    _inherit = "hr.work.plan.line"  # pylint: disable=consider-merging-classes-inherited

    indicator_id = fields.Many2one(
        "hr.work.plan.indicator",
        check_company=True,
        ondelete="restrict",
        index="btree_not_null",
        help="The indicator of the library the item measures; it gives the "
        "item its type and how it scores.",
    )
    employee_id = fields.Many2one(related="plan_id.employee_id", string="Owner")
    unit = fields.Char(
        compute="_compute_from_indicator", store=True, readonly=False, precompute=True
    )
    direction = fields.Selection(
        DIRECTIONS,
        compute="_compute_from_indicator",
        store=True,
        readonly=False,
        precompute=True,
    )
    curve = fields.Selection(
        CURVES,
        compute="_compute_from_indicator",
        store=True,
        readonly=False,
        precompute=True,
    )
    floor_percent = fields.Float(
        string="Floor (%)",
        compute="_compute_from_indicator",
        store=True,
        readonly=False,
        precompute=True,
    )
    cap_percent = fields.Float(
        string="Cap (%)",
        compute="_compute_from_indicator",
        store=True,
        readonly=False,
        precompute=True,
    )
    per_unit_points = fields.Float(
        compute="_compute_from_indicator", store=True, readonly=False, precompute=True
    )
    floor_at_zero = fields.Boolean(
        compute="_compute_from_indicator", store=True, readonly=False, precompute=True
    )
    target = fields.Float(help="KPI: the target; for a rate, the target rate in %.")
    actual = fields.Float(copy=False)
    numerator = fields.Float(
        copy=False, help="KPI rate: the cases that met the standard (on time)."
    )
    denominator = fields.Float(copy=False, help="KPI rate: all the cases.")
    excluded = fields.Float(
        copy=False,
        help="KPI rate: cases that do not count against the owner, such as "
        "delays the customer caused and signed for.",
    )
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_achievement",
        store=True,
        aggregator="avg",
        help="Actual ÷ target, or target ÷ actual when lower is better; for a "
        "rate, the rate reached ÷ the target rate.",
    )
    tier_ids = fields.One2many("hr.work.plan.tier", "line_id", string="Tiers")
    level_id = fields.Many2one(
        "hr.work.plan.indicator.level",
        copy=False,
        domain="[('indicator_id', '=', indicator_id)]",
    )
    check_ids = fields.One2many("hr.work.plan.line.check", "line_id", string="Checks")
    units = fields.Float(
        copy=False, help="Deduction or bonus: how many times it happened."
    )
    vetoed = fields.Boolean(copy=False)
    veto_reason = fields.Text(copy=False)
    indicator_summary = fields.Char(
        string="Measure",
        compute="_compute_indicator_summary",
        help="What the item measured, in short: target and actual, level, "
        "checks passed or units counted.",
    )

    @api.depends("indicator_id")
    def _compute_from_indicator(self):
        defaults = {
            "line_type": "task",
            "direction": "higher",
            "curve": "linear",
            "cap_percent": 100.0,
            "floor_at_zero": True,
        }
        for line in self:
            source = line.indicator_id
            for name in INDICATOR_PARAMETERS:
                if source:
                    line[name] = source[name]
                elif not line[name]:
                    line[name] = defaults.get(name, False)

    @api.depends(
        "line_type",
        "target",
        "actual",
        "direction",
        "numerator",
        "denominator",
        "excluded",
    )
    def _compute_achievement(self):
        for line in self:
            line.achievement = (
                line._kpi_achievement() if line.line_type == "kpi" else 0.0
            )

    def _measured(self):
        """The KPI's value: its rate when counted in cases, else its actual."""
        if self.denominator:
            return scoring.kpi_rate(self.numerator, self.denominator, self.excluded)
        return self.actual

    def _kpi_achievement(self):
        achievement = scoring.kpi_achievement(
            self.target, self._measured(), self.direction
        )
        return min(achievement, scoring.MAX_ACHIEVEMENT)

    @api.depends(
        "line_type",
        "target",
        "actual",
        "unit",
        "achievement",
        "numerator",
        "denominator",
        "level_id",
        "check_ids.passed",
        "units",
        "vetoed",
    )
    def _compute_indicator_summary(self):
        for line in self:
            line.indicator_summary = line._indicator_summary()

    def _indicator_summary(self):
        number = formatting.number
        kind = self.line_type
        if kind == "kpi":
            measured = (
                self.env._(
                    "%(met)s of %(cases)s",
                    met=number(self.numerator + self.excluded),
                    cases=number(self.denominator),
                )
                if self.denominator
                else self._with_unit(self.actual)
            )
            return self.env._(
                "%(measured)s against %(target)s: %(achievement)s%%",
                measured=measured,
                target=self._with_unit(self.target),
                achievement=number(self.achievement),
            )
        if kind == "rubric":
            return self.level_id.name or ""
        if kind == "checklist":
            return self.env._(
                "%(passed)s of %(checks)s checks",
                passed=len(self.check_ids.filtered("passed")),
                checks=len(self.check_ids),
            )
        if kind in ("deduction", "bonus"):
            return " × ".join((number(self.units), number(self.per_unit_points)))
        if kind == "veto":
            return self.env._("Vetoed") if self.vetoed else self.env._("Not vetoed")
        return ""

    def _with_unit(self, value):
        # no f-string here: the translation extractor cannot read them
        return " ".join(filter(None, (formatting.number(value), self.unit)))

    def _indicator_rule(self):
        """How the item's type gave its points, in words."""
        number = formatting.number
        kind, curve = self.line_type, self.curve
        if kind == "kpi" and curve == "all_or_nothing":
            return self.env._("the whole weight once the target is reached, else 0")
        if kind == "kpi" and curve == "per_unit_short":
            short = max(self.weight - self.score_final, 0.0) / (
                self.per_unit_points or 1.0
            )
            return self.env._(
                "the weight less %(points)s for each case short of the target rate: "
                "%(short)s short",
                points=number(self.per_unit_points),
                short=number(short) if self.per_unit_points else "0",
            )
        if kind == "kpi" and curve == "tiers":
            return self.env._(
                "the share of the weight of the highest tier reached (%s)",
                ", ".join(
                    "≥ %s%% → %s%%" % (number(tier.threshold), number(tier.percent))
                    for tier in self.tier_ids
                ),
            )
        if kind == "kpi":
            return self.env._(
                "weight × achievement, 0 below %(floor)s%%, counted up to %(cap)s%%",
                floor=number(self.floor_percent),
                cap=number(self.cap_percent),
            )
        if kind == "rubric":
            return self.env._("the points of the level given")
        if kind == "checklist":
            return self.env._("the points of the checks passed, up to the weight")
        if kind == "deduction":
            rule = self.env._(
                "the weight less %s for each one counted",
                number(self.per_unit_points),
            )
            if self.tier_ids:
                rule += self.env._(", less the points of its tier")
            if self.floor_at_zero:
                rule += self.env._(", not below 0")
            return rule
        if kind == "bonus":
            return self.env._(
                "%s for each one counted, on top of the total",
                number(self.per_unit_points),
            )
        if self.vetoed:
            return self.env._(
                "vetoed: the plan is disqualified (%s)", self.veto_reason or ""
            )
        return self.env._("disqualifies the plan when vetoed")

    def _indicator_score(self):
        """Points of an indicator item, by its type."""
        kind = self.line_type
        if kind == "kpi":
            return scoring.kpi_score(
                self.weight,
                self.curve,
                self.achievement,
                floor_percent=self.floor_percent,
                cap_percent=self.cap_percent,
                tiers=[(tier.threshold, tier.percent) for tier in self.tier_ids],
                target_rate=self.target,
                counted=self.numerator + self.excluded,
                cases=self.denominator,
                per_unit_points=self.per_unit_points,
            )
        if kind == "rubric":
            return min(self._rubric_points(), self.weight)
        if kind == "checklist":
            checks = [(check.points, check.passed) for check in self.check_ids]
            return min(scoring.checklist_score(checks), self.weight)
        if kind == "deduction":
            return scoring.deduction_score(
                self.weight,
                self.units,
                self.per_unit_points,
                [(tier.threshold, tier.points) for tier in self.tier_ids],
                self.floor_at_zero,
            )
        if kind == "bonus":
            return scoring.bonus_score(
                self.units, self.per_unit_points, self.weight or None
            )
        return 0.0

    def _rubric_points(self):
        level = self.level_id
        if not level:
            return 0.0
        if not level.is_range:
            return level.points
        try:
            return scoring.rubric_score(
                points_min=level.points_min,
                points_max=level.points_max,
                given=self.score_manager,
            )
        except ValueError:
            return 0.0

    def _counts_in_total(self, basis):
        """Whether the item's weight and points count in the plan's total."""
        self.ensure_one()
        if self.line_type in OUTSIDE_TOTAL_TYPES:
            return False
        return not self.category_id or basis.counts(self.category_id.id)

    # ------------------------------------------------------------------
    # values

    @api.constrains(
        "target",
        "numerator",
        "denominator",
        "excluded",
        "units",
        "floor_percent",
        "cap_percent",
        "per_unit_points",
    )
    def _check_indicator_values(self):
        for name in ("target", "numerator", "denominator", "excluded", "units"):
            self._check_range(name, 0, None)
        check_curve_parameters(self)
        for line in self:
            if line.numerator + line.excluded > line.denominator:
                raise ValidationError(
                    self.env._(
                        "Item “%(item)s” counts %(met)s cases that met the standard "
                        "or do not count, out of %(cases)s in all: more than all.",
                        item=line.name,
                        met=formatting.number(line.numerator + line.excluded),
                        cases=formatting.number(line.denominator),
                    )
                )

    @api.constrains("level_id", "indicator_id", "score_manager", "line_type")
    def _check_level(self):
        for line in self.filtered("level_id"):
            level = line.level_id
            if line.line_type != "rubric" or level.indicator_id != line.indicator_id:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s is one of indicator %(indicator)s, not of "
                        "item “%(item)s”.",
                        level=level.name,
                        indicator=level.indicator_id.name,
                        item=line.name,
                    )
                )
            if (
                level.is_range
                and line.score_manager
                and not level.points_min <= line.score_manager <= level.points_max
            ):
                raise ValidationError(
                    self.env._(
                        "Level %(level)s of item “%(item)s” scores from %(min)s to "
                        "%(max)s, not %(score)s.",
                        level=level.name,
                        item=line.name,
                        min=formatting.number(level.points_min),
                        max=formatting.number(level.points_max),
                        score=formatting.number(line.score_manager),
                    )
                )

    @api.constrains("vetoed", "veto_reason", "line_type")
    def _check_veto(self):
        for line in self.filtered("vetoed"):
            if line.line_type != "veto":
                raise ValidationError(
                    self.env._(
                        "Only a veto item is vetoed: “%s” is not one.", line.name
                    )
                )
            if not (line.veto_reason or "").strip():
                raise ValidationError(
                    self.env._("Say why item “%s” is vetoed.", line.name)
                )

    # ------------------------------------------------------------------
    # who enters the actuals

    def _check_can_score(self):
        """Raise unless the current user enters the actuals of these items:
        the indicator's office when it names one, else the plan's approver,
        or an officer; never the owner, and only while the plan is carried
        out or assessed."""
        if self.env.su:
            return
        user = self.env.user
        for line in self:
            # an office scoring the item may not read the rest of the plan
            plan = line.sudo().plan_id
            if plan._is_owner():
                raise AccessError(
                    self.env._(
                        "The actuals of your own plan %s are entered by its scorer; "
                        "add your remarks instead.",
                        plan.display_name,
                    )
                )
            if plan.state not in SCORING_STATES:
                raise UserError(
                    self.env._(
                        "The actuals of plan %s are entered while it is carried out, "
                        "until its approver assesses it.",
                        plan.display_name,
                    )
                )
            group = line.indicator_id.scorer_group_id
            scorer = user in group.users if group else plan._is_approver()
            if not (scorer or plan._is_officer()):
                raise AccessError(
                    self.env._(
                        "The actuals of item “%(item)s” are entered by %(scorer)s.",
                        item=line.name,
                        scorer=group.full_name
                        if group
                        else self.env._("the approver of plan %s", plan.display_name),
                    )
                )

    def action_open_item(self):
        """The item's measure in a dialog: actuals, level, checks, units."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "hr_work_plan.hr_work_plan_line_view_form_indicator"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }

    def _copy_indicator_rows(self):
        """Give items made from an indicator its tiers and checks."""
        for line in self.filtered("indicator_id"):
            indicator = line.indicator_id
            values = {}
            if not line.tier_ids and indicator.tier_ids:
                values["tier_ids"] = [
                    Command.create(
                        {
                            "threshold": tier.threshold,
                            "percent": tier.percent,
                            "points": tier.points,
                        }
                    )
                    for tier in indicator.tier_ids
                ]
            if not line.check_ids and indicator.check_ids:
                values["check_ids"] = [
                    Command.create(
                        {
                            "name": check.name,
                            "points": check.points,
                            "sequence": check.sequence,
                        }
                    )
                    for check in indicator.check_ids
                ]
            if values:
                line.sudo().write(values)
