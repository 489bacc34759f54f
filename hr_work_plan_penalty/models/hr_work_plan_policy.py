# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models


class HrWorkPlanPolicy(models.Model):
    _inherit = "hr.work.plan.policy"

    def _copy_preset(self):
        """A preset's fine and reward rules are copied with it, each applying
        to the new policy alone, to its categories and grades of the same
        codes, from the day of the copy."""
        policy = super()._copy_preset()
        Rule = self.env["hr.work.plan.penalty.rule"]
        rules = Rule.with_context(active_test=False).search(
            [("policy_ids", "in", self.ids)]
        )
        for rule in rules:
            rule.copy(
                {
                    "active": True,
                    "date_start": fields.Date.context_today(self),
                    "company_id": policy.company_id.id,
                    "code": self._free_code(Rule._name, rule.code, policy.company_id),
                    "policy_ids": [Command.set(policy.ids)],
                    "category_ids": [
                        Command.set(
                            policy.category_ids.filtered(
                                lambda category, rule=rule: category.code
                                in rule.category_ids.mapped("code")
                            ).ids
                        )
                    ],
                    "streak_grade_ids": [
                        Command.set(
                            policy.grade_ids.filtered(
                                lambda grade, rule=rule: grade.code
                                in rule.streak_grade_ids.mapped("code")
                            ).ids
                        )
                    ],
                }
            )
        return policy
