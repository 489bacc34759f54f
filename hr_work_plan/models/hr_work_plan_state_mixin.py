# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError, ValidationError

ACTIVITY_TYPE = "hr_work_plan.mail_activity_type_work_plan"

# the reason wizard's field for the records of each model
REASON_WIZARD_FIELDS = {
    "hr.work.plan": "plan_ids",
    "hr.work.plan.change": "change_ids",
    "hr.work.plan.cycle": "cycle_ids",
    "hr.work.plan.appeal": "appeal_ids",
}


class HrWorkPlanStateMixin(models.AbstractModel):
    _name = "hr.work.plan.state.mixin"
    _description = "Work Plan State Checks"

    def _ensure_state(self, *states):
        """Raise unless every record is in one of ``states``."""
        wrong = self.filtered(lambda record: record.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "This action needs records in state %(states)s; "
                    "%(records)s is not.",
                    states=", ".join(labels[state] for state in states),
                    records=", ".join(wrong.mapped("display_name")),
                )
            )

    def _move_to(self, state, **values):
        """Put the records in ``state``: the workflow's write, for whoever may
        write the records."""
        self.check_access("write")
        self.sudo().write({"state": state, **values})

    def _optional_reason(self, reason):
        """The reason, stripped, or False when there is none; raise when it is
        not text."""
        if reason in (None, False):
            return False
        if not isinstance(reason, str):
            raise UserError(self.env._("A reason is a text."))
        return reason.strip() or False

    def _require_reason(self, reason):
        """The reason, stripped; raise when there is none."""
        reason = self._optional_reason(reason)
        if not reason:
            raise UserError(self.env._("Give a reason."))
        return reason

    def _check_period_order(self):
        for record in self:
            if (
                record.date_from
                and record.date_to
                and record.date_to < record.date_from
            ):
                raise ValidationError(
                    self.env._(
                        "%(record)s ends on %(end)s, before it starts on %(start)s.",
                        record=record.display_name,
                        end=record.date_to,
                        start=record.date_from,
                    )
                )

    def _reason_wizard_field(self):
        """The reason wizard's field for records of this model."""
        return REASON_WIZARD_FIELDS[self._name]

    def _open_reason_wizard(self, action):
        """The dialog asking why, for ``action`` of the reason wizard."""
        titles = dict(
            self.env["hr.work.plan.reason.wizard"]
            ._fields["action"]
            ._description_selection(self.env)
        )
        return {
            "type": "ir.actions.act_window",
            "name": titles[action],
            "res_model": "hr.work.plan.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                f"default_{self._reason_wizard_field()}": self.ids,
                "default_action": action,
            },
        }

    def _quietly(self):
        """The records, for to-dos that need no mail: their step sends its
        own notice, or the to-do itself tells its assignee in the app."""
        return self.with_context(mail_activity_quick_update=True)

    def _add_missing_activities(self, todos):
        """Create the work plan to-dos of ``todos`` — (record, user, summary,
        date) — that do not exist yet for that record and user, in one batch;
        return them."""
        activity_type = self.env.ref(ACTIVITY_TYPE)
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        has_activity = {(activity.res_id, activity.user_id) for activity in existing}
        model_id = self.env["ir.model"]._get_id(self._name)
        values = [
            {
                "res_model_id": model_id,
                "res_id": record.id,
                "automated": True,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": summary,
                "date_deadline": date,
            }
            for record, user, summary, date in todos
            if (record.id, user) not in has_activity
        ]
        if not values:
            return self.env["mail.activity"]
        return self.env["mail.activity"].sudo().create(values)
