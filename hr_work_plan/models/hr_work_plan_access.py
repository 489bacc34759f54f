# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what on a work plan: roles, and the guards of create and
write."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from .hr_work_plan import (
    PENDING_STAGE,
    RESCORABLE_STATES,
    STAGE_FLOW,
)

# who may take the steps beside a plan's next stage, in which states
STEP_ROLES = {
    "cancel": {
        "draft": {"owner", "officer"},
        "submitted": {"officer"},
        "approved": {"officer"},
    },
    "correct": {"assessed": {"approver", "officer"}},
    "rescore": dict.fromkeys(RESCORABLE_STATES, {"officer"}),
    "reopen": {"done": {"officer"}, "cancelled": {"officer"}},
}

# fields an owner fills in when reporting, and those the approver fills in
SELF_FIELDS = {"self_comment"}

MANAGER_FIELDS = {"manager_comment"}

REVIEW_FIELDS = {"score_review"}

# fields that decide who owns and approves the plan
OFFICER_FIELDS = {
    "employee_id",
    "approver_id",
    "department_id",
    "owner_type",
    "company_id",
}

# fields only officers change once the plan belongs to a cycle: they decide
# where the plan is graded and ranked
CYCLE_FIELDS = {"cycle_id", "policy_id", "date_from", "date_to"}


def edit_kinds(fnames, kind_fields):
    """Kinds of data the fields touch: for each name, the first kind of
    ``kind_fields`` (pairs of kind and field names) holding it, else "content"."""
    return {
        next((kind for kind, names in kind_fields if name in names), "content")
        for name in fnames
    }


def evaluated_kinds(vals, kind_fields):
    """Kinds of ``kind_fields`` that ``vals`` fills in with a value; the
    content of the record is left out."""
    return edit_kinds({name for name, value in vals.items() if value}, kind_fields) - {
        "content"
    }


# one concern of the plan model per file, as its module docstring says
class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"  # pylint: disable=consider-merging-classes-inherited

    @api.depends_context("uid")
    @api.depends("state", "employee_id.user_id", "approver_id.user_id", "under_appeal")
    def _compute_can_act(self):
        Appeal = self.env["hr.work.plan.appeal"]
        for plan in self:
            stage = PENDING_STAGE.get(plan.state)
            plan.can_act = bool(stage) and plan._holds_role(
                {STAGE_FLOW[stage][2], "officer"}
            )
            for step in STEP_ROLES:
                plan[f"can_{step}"] = plan._may(step)
            plan.can_appeal = not Appeal._appeal_refusal(plan)

    def _may(self, step):
        """Whether the current user may take ``step`` (of STEP_ROLES)."""
        self.ensure_one()
        roles = STEP_ROLES[step].get(self.state)
        return bool(roles) and self._holds_role(roles)

    def _check_may(self, step):
        """Raise unless the current user may take ``step`` on every plan."""
        self._ensure_state(*STEP_ROLES[step])
        for plan in self:
            plan._check_role(*STEP_ROLES[step][plan.state])

    @api.depends_context("uid")
    @api.depends("state", "employee_id.user_id", "approver_id.user_id")
    def _compute_can_edit_items(self):
        for plan in self:
            is_owner = plan._is_owner() if plan.employee_id else True
            is_officer = plan._is_officer() and not is_owner
            open_plan = plan.state not in ("done", "cancelled")
            plan.can_edit_items = open_plan and (
                is_officer or (is_owner and plan.state == "draft")
            )
            plan.can_add_items = plan.can_edit_items or (
                plan.state == "approved"
                and any(
                    plan._adds_after_approval(category)
                    for category in plan.policy_id.category_ids
                )
            )

    def _adds_after_approval(self, category):
        """Whether the current user adds items of ``category`` to the plan
        once it is approved: the person the category names."""
        self.ensure_one()
        adder = {
            "owner": self._is_owner,
            "handler": self._is_owner,
            "approver": self._is_approver,
        }.get(category.added_by)
        return bool(category.addable_after_approval and adder and adder())

    def _is_owner(self):
        self.ensure_one()
        return (
            bool(self.employee_id.user_id) and self.employee_id.user_id == self.env.user
        )

    def _is_approver(self):
        self.ensure_one()
        return not self._is_owner() and self.approver_id.user_id == self.env.user

    def _is_reviewer(self):
        """The approver's superior, or the manager of the owner's department,
        other than the owner and the approver."""
        self.ensure_one()
        user = self.env.user
        reviewers = (
            self.approver_id.parent_id.user_id | self.department_id.manager_id.user_id
        )
        return (
            user in reviewers
            and not self._is_owner()
            and self.approver_id.user_id != user
        )

    def _is_officer(self):
        return self.env.user.has_group("hr_work_plan.group_work_plan_officer")

    def _holds_role(self, roles):
        """Whether the current user acts on the plan in one of ``roles``."""
        self.ensure_one()
        if self.env.su:
            return True
        is_owner = self._is_owner()
        return (
            ("owner" in roles and is_owner)
            or ("approver" in roles and self._is_approver())
            or ("officer" in roles and not is_owner and self._is_officer())
        )

    def _check_role(self, *roles):
        """Raise unless the current user holds one of ``roles`` on every plan.

        An owner never counts as approver or officer of their own plan."""
        for plan in self:
            if "owner" not in roles and not self.env.su and plan._is_owner():
                raise UserError(
                    self.env._(
                        "You cannot approve or assess your own plan %s.",
                        plan.display_name,
                    )
                )
            if not plan._holds_role(roles):
                raise AccessError(plan._role_error(roles))

    def _role_error(self, roles):
        names = {
            "owner": self.env._("its owner"),
            "approver": self.env._("its approver"),
            "officer": self.env._("a work plan officer other than its owner"),
        }
        return self.env._(
            "Only %(roles)s may do this on plan %(plan)s.",
            roles=self.env._(" or ").join(names[role] for role in roles),
            plan=self.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        if not self.env.su:
            for plan, vals in zip(plans, vals_list, strict=True):
                plan._check_created_by_right_person(vals)
        return plans

    def _check_created_by_right_person(self, vals):
        """Owners create their own plans as the rules would: in their own
        department, approved by their superior, with nothing evaluated yet.
        Officers create any plan, not evaluated either."""
        evaluated = evaluated_kinds(
            vals,
            (
                ("self", SELF_FIELDS),
                ("manager", MANAGER_FIELDS),
                ("review", REVIEW_FIELDS),
            ),
        )
        if evaluated:
            raise AccessError(
                self.env._(
                    "Plan %s is evaluated once it is carried out, not when it is "
                    "created.",
                    self.display_name,
                )
            )
        if self._is_officer() and not self._is_owner():
            return
        department = self.employee_id.department_id
        if (
            not self._is_owner()
            or self.approver_id != self._find_approver()
            or (self.owner_type == "employee" and self.department_id != department)
            or (
                self.owner_type == "department"
                and self.department_id.manager_id != self.employee_id
            )
        ):
            raise AccessError(
                self.env._(
                    "You can only create plans of your own or of the department "
                    "you manage, approved by your superior."
                )
            )

    @api.model
    def _context_guarded_fields(self):
        return (
            super()._context_guarded_fields()
            | SELF_FIELDS
            | MANAGER_FIELDS
            | (REVIEW_FIELDS)
        )

    def write(self, vals):
        self._check_write_allowed(vals)
        if "score_review" in vals and not self.env.su:
            # the reviewer writes the review score only, which the record
            # rules of a reviewer without the manager role would not allow
            review = {"score_review": vals["score_review"]}
            rest = {name: value for name, value in vals.items() if name not in review}
            result = super().write(rest) if rest else True
            self._check_protected_write(review)
            super(HrWorkPlan, self.sudo()).write(
                {**review, "reviewer_id": self.env.user.id}
            )
            return result
        return super().write(vals)

    def _check_write_allowed(self, vals):
        if self.env.su:
            return
        fnames = set(vals)
        kinds = edit_kinds(
            fnames & self._business_fields(),
            (
                ("officer", OFFICER_FIELDS),
                ("self", SELF_FIELDS),
                ("manager", MANAGER_FIELDS),
                ("review", REVIEW_FIELDS),
            ),
        )
        for plan in self:
            plan_kinds = kinds
            if plan.cycle_id and fnames & CYCLE_FIELDS:
                plan_kinds = kinds | {"officer"}
            if plan_kinds:
                plan._check_can_edit(plan_kinds)

    def _business_fields(self):
        """Fields guarded by role; items and changes guard themselves."""
        return {
            name
            for name, field in self._fields.items()
            if not field.automatic
            and field.type != "one2many"
            and name not in self.env["mail.thread"]._fields
            and name not in self.env["mail.activity.mixin"]._fields
        }

    def _check_can_edit(self, kinds):
        """Raise unless the current user may edit these kinds of data.

        ``kinds``: "content" (what the plan says), "self" (the owner's report
        and self-evaluation), "manager" (the approver's evaluation), "officer"
        (owner and approver). Owners edit content while the plan is a draft and
        their self-evaluation while executing; approvers evaluate while
        assessing; officers do the rest. Nobody edits a done plan, and nobody
        evaluates their own plan."""
        self.ensure_one()
        if self.env.su:
            return
        if self.state in ("done", "cancelled"):
            raise UserError(
                self.env._(
                    "Plan %s is closed; an officer must reopen it first.",
                    self.display_name,
                )
            )
        is_owner = self._is_owner()
        is_officer = self._is_officer() and not is_owner
        if "officer" in kinds and not is_officer:
            raise AccessError(
                self.env._(
                    "Only a work plan officer changes the owner, the approver, "
                    "the cycle, the policy or the period of plan %s.",
                    self.display_name,
                )
            )
        if "manager" in kinds:
            self._check_not_under_review()
        if "manager" in kinds and not (
            (is_officer or self._is_approver()) and self.state == "self_assessed"
        ):
            raise AccessError(
                self.env._(
                    "Only the approver evaluates plan %s, once it is self-assessed.",
                    self.display_name,
                )
            )
        if "review" in kinds and not (
            (is_officer or self._is_reviewer()) and self.state == "self_assessed"
        ):
            raise AccessError(
                self.env._(
                    "Only the next-level superior or the department manager reviews "
                    "plan %s, once it is self-assessed.",
                    self.display_name,
                )
            )
        if "self" in kinds and not (is_owner and self.state == "approved"):
            raise AccessError(
                self.env._(
                    "Only the owner reports on plan %s, while it is carried out.",
                    self.display_name,
                )
            )
        if "content" in kinds and not (
            is_officer or (is_owner and self.state == "draft")
        ):
            raise AccessError(
                self.env._(
                    "Plan %s can be edited by its owner only while it is a draft; "
                    "request a change instead.",
                    self.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own_drafts(self):
        if self.env.su:
            return
        if self.filtered(lambda plan: plan.state != "draft"):
            raise UserError(self.env._("Only draft plans can be deleted."))
        for plan in self:
            plan._check_can_edit({"content"})
