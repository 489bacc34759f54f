# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

DEFAULT_PREFIX = "default_"
WORK_PLAN_MODELS = "hr.work.plan"
# what the database stores safely and what a plan's numbers may reach
MAX_NUMBER = 1e12
MAX_INTEGER = 2**31 - 1
FIRST_YEAR = 1900
LAST_YEAR = 2999


class HrWorkPlanGuardMixin(models.AbstractModel):
    """Input guards shared by every work plan model.

    Fields declared read-only are set by the workflow (as superuser) and by
    computations, never by a caller: through RPC as through the web client,
    on create as on write, and ``default_*`` context keys cannot bring them
    in. Stored numbers are finite."""

    _name = "hr.work.plan.guard.mixin"
    _description = "Work Plan Input Guards"

    @api.model
    @tools.ormcache()
    def _protected_fields(self):
        """Names of the fields only the workflow sets; they depend on the
        model's definition alone, so every create and write reads them from
        the registry's cache."""
        mail_fields = set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
        return frozenset(
            name
            for name, field in self._fields.items()
            if field.readonly and not field.automatic and name not in mail_fields
        )

    @api.model
    def _context_guarded_fields(self):
        """Fields no ``default_*`` context key may fill in: the protected ones,
        and those a model guards by role (evaluations, reports)."""
        return self._protected_fields()

    @api.model
    def _without_protected_defaults(self):
        """This model with no ``default_*`` context key for a guarded field."""
        protected = self._context_guarded_fields()
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
    # reading and posting

    def onchange(self, values, field_names, fields_spec):
        """Related values are read as superuser: an onchange on a record the
        caller may not read would show them, so every work plan record named
        in the values must be readable."""
        if not self.env.su:
            for name, value in values.items():
                field = self._fields.get(name)
                record_id = value.get("id") if isinstance(value, dict) else value
                if (
                    field
                    and field.type == "many2one"
                    and field.comodel_name.startswith(WORK_PLAN_MODELS)
                    and isinstance(record_id, int)
                ):
                    self.env[field.comodel_name].browse(record_id).check_access("read")
        return super().onchange(values, field_names, fields_spec)

    def message_post(self, **kwargs):
        """Messages are signed by their writer: nobody posts as someone else."""
        author_id = kwargs.get("author_id")
        if author_id and not self.env.su and author_id != self.env.user.partner_id.id:
            raise AccessError(self.env._("You can only post messages as yourself."))
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------
    # numbers

    @api.model
    def _check_finite_values(self, vals):
        """Refuse numbers that are not finite or too large for the database,
        and dates out of any plausible period, before the ORM converts them."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or value is None or value is False:
                continue
            if field.type in ("float", "monetary", "integer"):
                self._check_number_value(field, value)
            elif field.type in ("date", "datetime"):
                self._check_date_value(field, value)

    def _check_number_value(self, field, value):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
        limit = MAX_INTEGER if field.type == "integer" else MAX_NUMBER
        if number is None or not math.isfinite(number) or abs(number) > limit:
            raise ValidationError(
                self.env._(
                    "%(field)s of %(model)s must be a finite number below "
                    "%(limit)s, not %(value)s.",
                    field=field._description_string(self.env),
                    model=self._description,
                    limit=limit,
                    value=value,
                )
            )

    def _check_date_value(self, field, value):
        try:
            day = (
                field.to_date(value)
                if field.type == "date"
                else field.to_datetime(value)
            )
        except (TypeError, ValueError):
            day = None
        if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValidationError(
                self.env._(
                    "%(field)s of %(model)s must be a date between %(first)s and "
                    "%(last)s, not %(value)s.",
                    field=field._description_string(self.env),
                    model=self._description,
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                    value=value,
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

    def _form_action(self):
        """The action opening this record's form in the main window."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
