# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scoring of work plans: weights, item and plan scores, raters, final
scores, grades and coefficients. The arithmetic is in tools/scoring.py."""

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_compare

from ..tools import formatting, scoring
from .hr_work_plan_indicator import OUTSIDE_TOTAL_TYPES


# one concern of the plan model per file, as its module docstring says
class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"  # pylint: disable=consider-merging-classes-inherited

    @api.depends(
        "line_ids.weight",
        "line_ids.display_type",
        "line_ids.completion",
        "line_ids.line_type",
        "line_ids.category_id.counts_in_total",
    )
    def _compute_weights(self):
        for plan in self:
            items = plan.line_ids.filtered(
                lambda line: not line.display_type
                and line.completion != "cancelled"
                and line.line_type != "veto"
            )
            counted = items.filtered(
                lambda line: line.line_type not in OUTSIDE_TOTAL_TYPES
                and (not line.category_id or line.category_id.counts_in_total)
            )
            plan.total_weight = sum(counted.mapped("weight"))
            plan.extra_weight = sum((items - counted).mapped("weight"))

    @api.depends("line_ids.line_type", "line_ids.display_type")
    def _compute_item_kinds(self):
        """Which columns the item list needs: those of tasks, of indicators."""
        for plan in self:
            kinds = {line.line_type for line in plan.line_ids if not line.display_type}
            plan.has_task_items = not kinds or "task" in kinds
            plan.has_indicator_items = bool(kinds - {"task"})

    @api.depends("line_ids.line_type", "line_ids.vetoed")
    def _compute_disqualified(self):
        for plan in self:
            plan.disqualified = scoring.disqualified(
                line.vetoed for line in plan.line_ids if line.line_type == "veto"
            )

    @api.depends(
        "line_ids.score_self",
        "line_ids.score_final",
        "line_ids.weight",
        "line_ids.completion",
        "line_ids.category_id",
        "scoring_basis",
    )
    def _compute_scores(self):
        for plan in self:
            plan.score_self = plan._plan_score("score_self")
            plan.score_manager = plan._plan_score("score_final")

    @api.depends("score_final", "score_manager", "line_ids.score_final")
    def _compute_score_explanation(self):
        labels = {
            name: dict(
                self.env["hr.work.plan.line"]
                ._fields[name]
                ._description_selection(self.env)
            )
            for name in ("completion", "efficiency", "quality", "line_type")
        }
        labels["role"] = dict(
            self.env["hr.work.plan.rater"]
            ._fields["role"]
            ._description_selection(self.env)
        )
        for plan in self:
            basis = plan._basis()
            items = [
                {
                    "name": line.name,
                    "category": line.category_id.name or "",
                    "weight": line.weight,
                    "completion": labels["completion"].get(line.completion, "")
                    if line.line_type == "task"
                    else labels["line_type"][line.line_type],
                    "rating": " / ".join(
                        labels[name].get(line[name], "")
                        for name in ("efficiency", "quality")
                        if line[name]
                    )
                    if line.line_type == "task"
                    else line.indicator_summary,
                    "percent": basis.matrix_percent(line.efficiency, line.quality)
                    if basis.has_matrix and line.line_type == "task"
                    else None,
                    "unexcused": line.unfinished_without_change,
                    "extra": line.line_type == "bonus"
                    or (
                        bool(line.category_id) and not basis.counts(line.category_id.id)
                    ),
                    "points": line.score_final,
                    "rule": plan._item_rule(line, basis),
                }
                for line in plan.line_ids
                if not line.display_type
            ]
            plan.score_explanation = self.env["ir.qweb"]._render(
                "hr_work_plan.plan_score_explanation",
                {
                    "plan": plan,
                    "items": items,
                    "execution_share": basis.execution_share,
                    "raters": [
                        (labels["role"].get(role, role), weight)
                        for role, weight in basis.raters.items()
                    ],
                    "weighted": [
                        (category.name, basis.categories[category.id].weight)
                        for category in plan.policy_id.category_ids
                        if category.id in basis.categories
                        and basis.categories[category.id].weight
                    ],
                },
            )

    def _basis(self):
        """What scoring reads from the policy: as it was when the plan was
        approved, or as it is now before that."""
        self.ensure_one()
        return scoring.Basis(
            self.scoring_basis
            or (self.policy_id._scoring_basis_values() if self.policy_id else {})
        )

    def _freeze_scoring_basis(self):
        for plan in self:
            plan.sudo().scoring_basis = plan.policy_id._scoring_basis_values()

    def _max_score(self):
        """Highest score the plan can reach: the total and its extra weight."""
        self.ensure_one()
        return (self._basis().total_points or self.total_points) + self.extra_weight

    def _item_rule(self, line, basis):
        """Which rule gave an item its points, in words."""
        if line.line_type != "task" and line.completion != "cancelled":
            return line._indicator_rule()
        if line.completion == "cancelled":
            return self.env._("cancelled: left out of the plan")
        if line.completion == "not_done":
            return self.env._("not carried out: 0")
        if line.completion != "partial":
            return ""
        if line.has_approved_change:
            return self.env._(
                "partly done (%s%%), excused by an approved change",
                formatting.number(line.completion_percent),
            )
        if basis.partial_credit and not (basis.has_matrix and line.line_type == "task"):
            return self.env._(
                "partly done (%s%%), scored by the approver (partial credit)",
                formatting.number(line.completion_percent),
            )
        if basis.partial_credit:
            return self.env._(
                "partly done: %s%% of the points (partial credit)",
                formatting.number(line.completion_percent),
            )
        return self.env._("partly done without an approved change: 0")

    def _score_rows(self, score_field, basis=None):
        """(category, points, weight, counts in total) of each item; cancelled
        items leave the plan."""
        basis = basis or self._basis()
        return [
            (
                line.category_id.id,
                None
                if line.completion == "cancelled"
                # what an indicator measured is the same for every rater
                else line[score_field if line.line_type == "task" else "score_final"],
                line.weight,
                line._counts_in_total(basis),
            )
            for line in self.line_ids
            if not line.display_type
        ]

    def _plan_score(self, score_field):
        basis = self._basis()
        return scoring.plan_score(
            self._score_rows(score_field, basis),
            basis.category_list(),
            basis.total_points,
        )

    def _final_score(self):
        """Raters' weighted score, of which the policy's execution share
        counts; 0 for a disqualified plan."""
        if self.disqualified:
            return 0.0
        basis = self._basis()
        score = self._approver_score()
        if basis.raters:
            review = self.score_review if self.reviewer_id else None
            score = scoring.rater_score(
                {
                    "self": self.score_self,
                    "direct_manager": score,
                    "second_manager": review,
                    "department_manager": review,
                    **self._average_ratings(),
                },
                basis.raters,
            )
        return scoring.apply_share(score or 0.0, basis.execution_share)

    def _approver_score(self):
        """The approver's score, or the one the assessment review changed it
        to."""
        return self.score_reviewed if self.review_reason else self.score_manager

    def _average_ratings(self):
        """Average peer and subordinate scores, by role."""
        ratings = self.sudo().rating_ids
        return {
            role: sum(scores) / len(scores)
            for role in ("peer", "subordinate")
            if (
                scores := ratings.filtered(
                    lambda rating, role=role: rating.role == role
                ).mapped("score")
            )
        }

    def _check_section_maxima(self):
        """Categories with full marks cannot score above them (60/40 sections)."""
        for plan in self:
            basis = plan._basis()
            totals = scoring.category_totals(
                (key, points, weight)
                for key, points, weight, _counts in plan._score_rows(
                    "score_final", basis
                )
            )
            for category in plan.policy_id.category_ids:
                full_marks = (
                    basis.categories[category.id].full_marks
                    if category.id in basis.categories
                    else 0.0
                )
                if not full_marks:
                    continue
                earned = totals.get(category.id, (0.0, 0.0))[0]
                try:
                    scoring.check_section_score(earned, full_marks)
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "Section %(section)s of plan %(plan)s scores %(score)s, "
                            "above its maximum of %(max)s.",
                            section=category.name,
                            plan=plan.display_name,
                            score=formatting.number(earned),
                            max=formatting.number(full_marks),
                        )
                    ) from error

    def _assign_final_scores(self):
        for plan in self:
            score = plan._final_score()
            grade_id, coefficient = plan._grade_for(score)
            plan.sudo().write(
                {
                    "score_final": score,
                    "grade_id": grade_id or False,
                    "coefficient": coefficient,
                    "department_coefficient": 0.0,
                }
            )

    def _apply_department_coefficients(self):
        """Multiply members' coefficients by their department plan's, for
        policies that say so. Department plans of the same period count."""
        members = self.filtered(
            lambda plan: plan.owner_type == "employee"
            and plan.policy_id.department_multiplier
        )
        if not members:
            return
        department_plans = self.sudo().search(
            [
                ("owner_type", "=", "department"),
                ("department_id", "in", members.department_id.ids),
                ("date_from", "<=", max(members.mapped("date_from"))),
                ("date_to", ">=", min(members.mapped("date_to"))),
                ("state", "in", ("assessed", "done")),
                ("grade_id", "!=", False),
            ]
        )
        for member in members:
            department_plan = department_plans.filtered(
                lambda plan, member=member: plan.department_id == member.department_id
                and plan.date_from <= member.date_from
                and plan.date_to >= member.date_to
            )[:1]
            if department_plan:
                member.sudo().write(
                    {
                        "department_coefficient": department_plan.coefficient,
                        "coefficient": member.coefficient * department_plan.coefficient,
                    }
                )

    def _grade_for(self, score):
        """``(grade id, coefficient)`` of ``score``: the lowest grade for a
        disqualified plan."""
        self.ensure_one()
        basis = self._basis()
        return basis.lowest_grade() if self.disqualified else basis.grade_for(score)

    def _revise_final_score(self, score):
        """An arbiter's revised score, with the grade and coefficient it gives."""
        for plan in self:
            grade_id, coefficient = plan._grade_for(score)
            plan.sudo().write(
                {
                    "score_final": score,
                    "grade_id": grade_id or False,
                    "coefficient": coefficient * (plan.department_coefficient or 1.0),
                }
            )

    @api.constrains("score_review")
    def _check_review_score(self):
        self._check_range("score_review", 0, lambda plan: plan._max_score())

    @api.constrains("score_reviewed")
    def _check_score_reviewed(self):
        self._check_range("score_reviewed", 0, lambda plan: plan._max_score())

    def _check_total_weight(self):
        for plan in self:
            plan._check_weights(
                [
                    (line.category_id, line.weight)
                    for line in plan.line_ids
                    if not line.display_type
                    and line.completion != "cancelled"
                    and line.line_type not in OUTSIDE_TOTAL_TYPES
                ]
            )

    def _check_weights(self, rows):
        """Raise unless the items' weights, ``(category, weight)`` rows, satisfy
        the policy: each weighted category with its own full marks on its own
        (routine / key / ad hoc out of 100 each), else the plan's total. Items
        outside the total are not counted."""
        policy = self.policy_id
        rows = [
            (category, weight)
            for category, weight in rows
            if not category or category.counts_in_total
        ]
        per_category = policy.category_ids.filtered(
            lambda category: category.weight and category.points_total
        )
        if not per_category:
            total = sum(weight for _category, weight in rows)
            self._check_total(total, policy.total_points, self.display_name)
        for category in per_category:
            total = sum(
                weight for item_category, weight in rows if item_category == category
            )
            if total:
                self._check_total(
                    total,
                    category.points_total,
                    f"{self.display_name} – {category.name}",
                )

    def _check_total(self, total, required, what):
        """Raise unless ``total`` satisfies the policy's rule against ``required``."""
        cmp = float_compare(total, required, 2)
        if cmp > 0 if self.policy_id.total_rule == "at_most" else cmp != 0:
            message = {
                "exact": self.env._(
                    "The weights of plan %(plan)s total %(total)s; "
                    "they must total exactly %(required)s.",
                    plan=what,
                    total=formatting.number(total),
                    required=formatting.number(required),
                ),
                "at_most": self.env._(
                    "The weights of plan %(plan)s total %(total)s; "
                    "they may total at most %(required)s.",
                    plan=what,
                    total=formatting.number(total),
                    required=formatting.number(required),
                ),
            }[self.policy_id.total_rule]
            raise UserError(message)

    def _check_items_rated(self):
        """With a score table, every item carried out needs its efficiency and
        quality: an item without them would silently score 0."""
        for plan in self:
            if not plan._basis().has_matrix:
                continue
            unrated = plan.line_ids.filtered(
                lambda line: not line.display_type
                and line.line_type == "task"
                and line.completion in ("done", "partial")
                and not (line.efficiency and line.quality)
            )
            if unrated:
                raise UserError(
                    self.env._(
                        "Rate the efficiency and quality of each item of plan "
                        "%(plan)s before assessing it: %(items)s.",
                        plan=plan.display_name,
                        items=", ".join(unrated.mapped("name")),
                    )
                )
