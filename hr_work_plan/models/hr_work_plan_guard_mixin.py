# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

DEFAULT_PREFIX = "default_"


class HrWorkPlanGuardMixin(models.AbstractModel):
    """Input guards shared by every work plan model.

    Fields declared read-only are set by the workflow (as superuser) and by
    computations, never by a caller: through RPC as through the web client,
    on create as on write, and ``default_*`` context keys cannot bring them
    in. Stored numbers are finite."""

    _name = "hr.work.plan.guard.mixin"
    _description = "Work Plan Input Guards"

    @api.model
    def _protected_fields(self):
        """Names of the fields only the workflow sets."""
        mail_fields = set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
        return {
            name
            for name, field in self._fields.items()
            if field.readonly and not field.automatic and name not in mail_fields
        }

    @api.model
    def _without_protected_defaults(self):
        """This model with no ``default_*`` context key for a protected field."""
        protected = self._protected_fields()
        context = self.env.context
        smuggled = [
            key
            for key in context
            if key.startswith(DEFAULT_PREFIX)
            and key[len(DEFAULT_PREFIX) :] in protected
        ]
        if not smuggled:
            return self
        # the whole context is replaced: keys are removed, not overridden
        return self.with_context(  # pylint: disable=context-overridden
            {key: value for key, value in context.items() if key not in smuggled}
        )

    @api.model
    def _check_protected_create(self, vals_list):
        """Refuse values for protected fields other than their defaults."""
        protected = self._protected_fields()
        given = {name for vals in vals_list for name in vals} & protected
        if not given:
            return
        defaults = self.default_get(list(given))
        for vals in vals_list:
            for name in given & set(vals):
                if not self._same_value(name, vals[name], defaults.get(name)):
                    raise self._protected_error(name)

    def _check_protected_write(self, vals):
        given = set(vals) & self._protected_fields()
        if given:
            raise self._protected_error(sorted(given)[0])

    def _same_value(self, name, value, default):
        field = self._fields[name]
        empty = self.browse()
        return field.convert_to_cache(
            value, empty, validate=False
        ) == field.convert_to_cache(default or False, empty, validate=False)

    def _protected_error(self, name):
        return AccessError(
            self.env._(
                "%(field)s of %(model)s is set by the workflow, not by hand.",
                field=self._fields[name]._description_string(self.env),
                model=self._description,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_finite_values(vals)
        if self.env.su:
            return super().create(vals_list)
        guarded = self._without_protected_defaults()
        guarded._check_protected_create(vals_list)
        return super(HrWorkPlanGuardMixin, guarded).create(vals_list)

    def write(self, vals):
        self._check_finite_values(vals)
        if not self.env.su:
            self._check_protected_write(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # numbers

    @api.model
    def _check_finite_values(self, vals):
        """Refuse NaN and infinities before the ORM rounds them."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if (
                field
                and field.type in ("float", "monetary", "integer")
                and isinstance(value, float)
                and not math.isfinite(value)
            ):
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(model)s must be a finite number.",
                        field=field._description_string(self.env),
                        model=self._description,
                    )
                )

    def _number_fields(self):
        return [
            name
            for name, field in self._fields.items()
            if field.type in ("float", "monetary") and field.store
        ]

    @api.constrains(lambda self: self._number_fields())
    def _check_finite_numbers(self):
        names = self._number_fields()
        for record in self:
            for name in names:
                if not math.isfinite(record[name] or 0.0):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(record)s must be a finite number.",
                            field=self._fields[name]._description_string(self.env),
                            record=record.display_name or self._description,
                        )
                    )

    def _parse_score(self, value, high):
        """``value`` as a score from 0 to ``high``; raise unless it is one."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UserError(self.env._("A score is a number, not %r.", value))
        if not (math.isfinite(value) and 0 <= value <= high):
            raise UserError(
                self.env._(
                    "A score goes from 0 to %(max)s, not %(value)s.",
                    max=high,
                    value=value,
                )
            )
        return float(value)

    def _check_range(self, name, low=None, high=None):
        """Raise unless field ``name`` of every record lies in [low, high];
        the bounds may be callables of the record."""
        for record in self:
            value = record[name] or 0.0
            low_value = low(record) if callable(low) else low
            high_value = high(record) if callable(high) else high
            if not (
                math.isfinite(value)
                and (low_value is None or value >= low_value)
                and (high_value is None or value <= high_value)
            ):
                raise ValidationError(
                    record._range_message(name, value, low_value, high_value)
                )

    def _range_message(self, name, value, low, high):
        field = self._fields[name]._description_string(self.env)
        what = self.display_name or self._description
        if high is None:
            return self.env._(
                "%(field)s of %(record)s must be at least %(low)s, not %(value)s.",
                field=field,
                record=what,
                low=low,
                value=value,
            )
        return self.env._(
            "%(field)s of %(record)s must be between %(low)s and %(high)s, "
            "not %(value)s.",
            field=field,
            record=what,
            low=low if low is not None else "-∞",
            high=high,
            value=value,
        )
