# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models

TILES = [
    ("my_draft", "My plans to write"),
    ("my_report", "My plans to report on"),
    ("to_decide", "Plans waiting for me"),
    ("changes", "Change requests waiting for me"),
    ("ratings", "Ratings asked of me"),
    ("late", "Late plans"),
    ("to_validate", "Plans to validate"),
    ("cycles", "Cycle progress"),
]
RUNNING_CYCLE_STATES = ("planning", "executing", "assessing")
OPEN_PLAN_STATES = ("draft", "submitted", "approved", "self_assessed", "assessed")


class HrWorkPlanDashboardTile(models.Model):
    """A tile of the app's overview: how many records wait in one place, and
    a click opening them. Counts are read as the current user, so record
    rules decide what each user counts."""

    _name = "hr.work.plan.dashboard.tile"
    _description = "Work Plan Overview Tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(TILES, required=True)
    sequence = fields.Integer(default=10)
    description = fields.Char(translate=True)
    icon = fields.Char(default="fa-tasks", help="Font Awesome icon class.")
    group_id = fields.Many2one(
        "res.groups", help="Only its members see the tile; everyone when empty."
    )
    company_id = fields.Many2one(
        "res.company", help="The company whose users see the tile; all when empty."
    )
    count = fields.Integer(compute="_compute_figures")
    total = fields.Integer(
        compute="_compute_figures",
        help="Out of how many, for tiles showing progress.",
    )
    detail = fields.Html(compute="_compute_figures")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each overview tile appears once."),
    ]

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_figures(self):
        for tile in self:
            tile.count, tile.total, tile.detail = tile._figures()

    def _figures(self):
        """``(count, total, detail)`` of the tile for the current user."""
        self.ensure_one()
        if self.code == "ratings":
            return len(self.env["hr.work.plan.rating"]._plans_to_rate()), 0, False
        if self.code == "cycles":
            return self._cycle_figures()
        model, domain = self._target()
        return self.env[model].search_count(domain), 0, False

    def _target(self):
        """``(model, domain)`` of the records the tile counts and opens."""
        self.ensure_one()
        uid = self.env.uid
        mine = [("employee_id.user_id", "=", uid)]
        return {
            "my_draft": ("hr.work.plan", [*mine, ("state", "=", "draft")]),
            "my_report": ("hr.work.plan", [*mine, ("state", "=", "approved")]),
            "to_decide": (
                "hr.work.plan",
                [
                    ("approver_id.user_id", "=", uid),
                    ("state", "in", ("submitted", "self_assessed")),
                ],
            ),
            "changes": (
                "hr.work.plan.change",
                [
                    ("plan_id.approver_id.user_id", "=", uid),
                    ("state", "=", "submitted"),
                ],
            ),
            "late": (
                "hr.work.plan",
                [("is_late", "=", True), ("state", "in", OPEN_PLAN_STATES)],
            ),
            "to_validate": ("hr.work.plan", [("state", "=", "assessed")]),
            "cycles": (
                "hr.work.plan",
                [
                    ("cycle_id.state", "in", RUNNING_CYCLE_STATES),
                    ("state", "!=", "cancelled"),
                ],
            ),
        }[self.code]

    def _cycle_figures(self):
        """Done plans out of all, of the running cycles: in total and by cycle."""
        _model, domain = self._target()
        groups = self.env["hr.work.plan"]._read_group(
            domain, ["cycle_id", "state"], ["__count"], order="cycle_id"
        )
        by_cycle = {}
        for cycle, state, count in groups:
            done, total = by_cycle.get(cycle, (0, 0))
            by_cycle[cycle] = (done + (count if state == "done" else 0), total + count)
        if not by_cycle:
            return 0, 0, False
        rows = Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(cycle)s: %(done)s of %(total)s done",
                cycle=cycle.display_name,
                done=done,
                total=total,
            )
            for cycle, (done, total) in by_cycle.items()
        )
        return (
            sum(done for done, _total in by_cycle.values()),
            sum(total for _done, total in by_cycle.values()),
            Markup('<ul class="list-unstyled mb-0">%s</ul>') % rows,
        )

    def action_open(self):
        """The records the tile counts."""
        self.ensure_one()
        actions = self.env["ir.actions.act_window"]
        if self.code == "ratings":
            return actions._for_xml_id("hr_work_plan.hr_work_plan_rating_wizard_action")
        model, domain = self._target()
        action = actions._for_xml_id(
            "hr_work_plan.hr_work_plan_change_action"
            if model == "hr.work.plan.change"
            else "hr_work_plan.hr_work_plan_action_my"
        )
        context = {}
        if self.code == "cycles":
            context = {"search_default_group_cycle": 1, "search_default_group_state": 1}
        # the web client names the breadcrumb after display_name
        action.update(
            name=self.name,
            display_name=self.name,
            domain=domain,
            context=context,
            help=Markup('<p class="o_view_nocontent_smiling_face">%s</p><p>%s</p>')
            % (self.env._("Nothing here right now"), self.description or ""),
        )
        return action
