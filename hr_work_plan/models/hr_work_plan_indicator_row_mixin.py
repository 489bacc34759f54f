# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

ADMIN_GROUP = "hr_work_plan.group_work_plan_admin"


class HrWorkPlanIndicatorRowMixin(models.AbstractModel):
    """Rows of an indicator (tiers, checks): in the library, kept by
    administrators; on a plan item, changed as the item is (its content by
    the owner of a draft, what it measured by the scorer)."""

    _name = "hr.work.plan.indicator.row.mixin"
    _description = "Indicator Row"

    # fields of a row the item's scorer fills in
    _scored_fields = frozenset()

    @api.constrains("indicator_id", "line_id")
    def _check_one_owner(self):
        for row in self:
            if bool(row.indicator_id) == bool(row.line_id):
                raise ValidationError(
                    self.env._(
                        "A %s belongs to an indicator of the library or to a plan "
                        "item, one of them.",
                        self._description.lower(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        if not self.env.su:
            for row, vals in zip(rows, vals_list, strict=True):
                scored = any(vals.get(name) for name in self._scored_fields)
                row._check_row_change(scored=scored, content=True)
        return rows

    def write(self, vals):
        if not self.env.su:
            self._check_row_change(
                scored=bool(set(vals) & self._scored_fields),
                content=bool(set(vals) - self._scored_fields),
            )
        result = super().write(vals)
        if not self.env.su and {"indicator_id", "line_id"} & set(vals):
            self._check_row_change(content=True)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_as_its_item(self):
        if not self.env.su:
            self._check_row_change(content=True)

    def _check_row_change(self, scored=False, content=False):
        library = self.filtered("indicator_id")
        if library and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._("The indicators of the library are kept by administrators.")
            )
        lines = self.line_id
        if scored:
            lines._check_can_score()
        if content:
            for plan in lines.plan_id:
                plan._check_can_edit({"content"})
