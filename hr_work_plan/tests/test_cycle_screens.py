# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..models.hr_work_plan_cycle import period_name
from .common import WorkPlanCase

# what the cycle list shows of each cycle
LIST_SPEC = {
    "name": {},
    "policy_id": {"fields": {"display_name": {}}},
    "date_from": {},
    "date_to": {},
    "plan_count": {},
    "late_count": {},
    "done_count": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestCycleScreens(WorkPlanCase):
    def _cycle(self, date_from="2026-12-01", policy=None, **values):
        return self.env["hr.work.plan.cycle"].create(
            {
                "name": date_from[:7],
                "policy_id": (policy or self.policy).id,
                "date_from": date_from,
                **values,
            }
        )

    def _employee(self, name):
        """An employee with a login, reporting to the head."""
        user = new_test_user(
            self.env,
            login=f"wp_{name.lower()}",
            groups="base.group_user,hr_work_plan.group_work_plan_user",
        )
        return self.env["hr.employee"].create(
            {
                "name": name,
                "user_id": user.id,
                "department_id": self.department.id,
                "parent_id": self.head.id,
            }
        )

    def _walk(self, plan, state):
        """Take a draft plan through the workflow up to ``state``."""
        owner = plan.employee_id.user_id
        approver = plan.approver_id.user_id
        if state == "cancelled":
            plan.with_user(owner).action_cancel()
            return
        steps = [
            ("submitted", lambda: plan.with_user(owner).action_submit()),
            ("approved", lambda: plan.with_user(approver).action_approve()),
            ("self_assessed", lambda: self._self_assess(plan)),
            ("assessed", lambda: self._assess(plan)),
            ("done", lambda: plan.with_user(self.user_officer).action_done()),
        ]
        for reached, step in steps:
            if plan.state == state:
                break
            step()
            self.assertEqual(plan.state, reached)

    def _self_assess(self, plan):
        self._report(plan, "done", "done")
        plan.with_user(plan.employee_id.user_id).action_self_assess()

    def _assess(self, plan):
        self._score(plan, 50, 28)
        plan.with_user(plan.approver_id.user_id).action_assess()

    def _cycle_in_every_state(self):
        """December's cycle with one plan in each state, two of them late."""
        cycle = self._cycle()
        owners = {
            "draft": self.director,
            "submitted": self.staff,
            "approved": self.staff2,
            "self_assessed": self.head,
            "assessed": self.other,
            "done": self._employee("Finisher"),
            "cancelled": self._employee("Dropout"),
        }
        plans = {}
        for state, owner in owners.items():
            plans[state] = self._plan(owner, [60, 40], cycle_id=cycle.id)
            self._walk(plans[state], state)
        # the deadline job flags late stages; here two plans missed theirs
        (plans["draft"] | plans["assessed"]).sudo().write({"submit_late": True})
        return cycle, plans

    # ------------------------------------------------------------------
    # stat buttons

    def test_each_stat_button_lists_exactly_its_plans(self):
        cycle, plans = self._cycle_in_every_state()
        self._cycle(date_from="2027-01-01")._generate_plans()  # plans elsewhere
        cycle = cycle.with_user(self.user_officer)
        Plan = self.env["hr.work.plan"].with_user(self.user_officer)
        expected = dict(plans)
        expected["late"] = plans["draft"] | plans["assessed"]
        expected[None] = Plan.union(*plans.values())
        for plan_state, wanted in expected.items():
            with self.subTest(plan_state=plan_state):
                action = cycle.with_context(plan_state=plan_state).action_view_plans()
                self.assertEqual(action["res_model"], "hr.work.plan")
                self.assertEqual(Plan.search(action["domain"]), wanted)
                count = f"{plan_state}_count" if plan_state else "plan_count"
                self.assertEqual(cycle[count], len(wanted))
                self.assertEqual(
                    [mode for _view, mode in action["views"]],
                    ["list", "kanban", "form"],
                )
                # the action's "open" filter would hide done plans
                self.assertEqual(action["context"]["search_default_open"], 0)
        action = cycle.with_context(plan_state="done").action_view_plans()
        self.assertEqual(
            (action["name"], action["display_name"]),
            ("Done plans of 2026-12", "Done plans of 2026-12"),
        )

    def test_unknown_state_is_refused(self):
        cycle = self._cycle()
        with self.assertRaisesRegex(UserError, "not a state"):
            cycle.with_context(plan_state="lost").action_view_plans()

    # ------------------------------------------------------------------
    # counts in the list

    def _list_queries(self, cycles):
        """Queries the cycle list takes to show ``cycles``."""
        Cycle = self.env["hr.work.plan.cycle"].with_user(self.user_officer)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        rows = Cycle.web_search_read([("id", "in", cycles.ids)], LIST_SPEC)
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(rows["length"], len(cycles))
        return queries, rows["records"]

    def test_list_counts_take_the_same_queries_for_any_number_of_cycles(self):
        cycles = self.env["hr.work.plan.cycle"]
        for month in range(6, 12):
            cycle = self._cycle(date_from=f"2026-{month:02d}-01")
            cycle._generate_plans()
            cycles |= cycle
        cycles[0].plan_ids[:2].sudo().write({"report_late": True})
        self.env.flush_all()
        self._list_queries(cycles[1:3])  # rules and the rest are cached then
        one, _rows = self._list_queries(cycles[:1])
        six, rows = self._list_queries(cycles)
        self.assertEqual(one, six)
        self.assertEqual(
            {row["name"]: (row["plan_count"], row["late_count"]) for row in rows},
            {cycle.name: (5, 2 if cycle == cycles[0] else 0) for cycle in cycles},
        )

    def test_counts_compute_is_two_grouped_reads(self):
        cycles = self._cycle(date_from="2026-11-01") | self._cycle()
        for cycle in cycles:
            cycle._generate_plans()
        for size in (1, 2):
            self.env.invalidate_all()
            # as the ORM computes them: for every cycle read at once
            batch = self.env["hr.work.plan.cycle"].browse(cycles[:size].ids)
            with self.assertQueryCount(2):
                self.assertEqual(batch.mapped("plan_count"), [5] * size)
                batch.mapped("late_count")
                batch.mapped("done_count")

    # ------------------------------------------------------------------
    # next cycle

    def _next(self, cycle, user=None):
        action = cycle.with_user(user or self.user_officer).action_open_next_cycle()
        self.assertEqual(
            (action["type"], action["res_model"], action["views"]),
            ("ir.actions.act_window", "hr.work.plan.cycle", [(False, "form")]),
        )
        return self.env["hr.work.plan.cycle"].browse(action["res_id"])

    def test_next_month(self):
        cycle = self._cycle(date_from="2026-11-01")
        cycle.action_start_planning()
        following = self._next(cycle)
        self.assertEqual(
            (
                following.name,
                str(following.date_from),
                str(following.date_to),
                following.state,
            ),
            ("2026-12", "2026-12-01", "2026-12-31", "draft"),
        )
        self.assertEqual(
            (following.policy_id, following.company_id),
            (cycle.policy_id, cycle.company_id),
        )

    def test_next_month_of_december_is_january(self):
        cycle = self._cycle()
        cycle.action_start_planning()
        following = self._next(cycle)
        self.assertEqual(
            (following.name, str(following.date_from), str(following.date_to)),
            ("2027-01", "2027-01-01", "2027-01-31"),
        )

    def test_next_week(self):
        weekly = self.policy.copy({"code": "TEST-W", "period_type": "week"})
        # Monday of ISO week 52 of 2026; the next week is week 53
        cycle = self._cycle(date_from="2026-12-21", policy=weekly)
        self.assertEqual(str(cycle.date_to), "2026-12-27")
        cycle.action_start_planning()
        following = self._next(cycle)
        self.assertEqual(
            (following.name, str(following.date_from), str(following.date_to)),
            ("2026-W53", "2026-12-28", "2027-01-03"),
        )
        self.assertEqual(following.policy_id, weekly)

    def test_next_cycle_of_a_closed_cycle(self):
        cycle = self._cycle()
        cycle.sudo().write({"state": "closed"})
        self.assertEqual(str(self._next(cycle).date_from), "2027-01-01")

    def test_existing_next_cycle_is_opened(self):
        cycle = self._cycle()
        cycle.action_start_planning()
        january = self._cycle(date_from="2027-01-01", name="January")
        count = self._count("hr.work.plan.cycle")
        self.assertEqual(self._next(cycle), january)
        self.assertEqual(self._next(cycle), january)
        self.assertEqual(self._count("hr.work.plan.cycle"), count)

    def test_next_cycle_twice_creates_one(self):
        cycle = self._cycle()
        cycle.action_start_planning()
        following = self._next(cycle)
        self.assertEqual(self._next(cycle), following)

    def test_only_officers_open_the_next_cycle(self):
        cycle = self._cycle()
        cycle.action_start_planning()
        self._cycle(date_from="2027-01-01")
        count = self._count("hr.work.plan.cycle")
        for user in (self.user_staff, self.user_head):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "Only work plan officers"),
            ):
                cycle.with_user(user).action_open_next_cycle()
        self.assertEqual(self._count("hr.work.plan.cycle"), count)

    def test_draft_cycle_has_no_next_cycle_yet(self):
        with self.assertRaisesRegex(UserError, "needs records in state"):
            self._cycle().with_user(self.user_officer).action_open_next_cycle()

    def test_archived_policy_gets_no_new_cycle(self):
        cycle = self._cycle()
        cycle.action_start_planning()
        self.policy.active = False
        with self.assertRaisesRegex(UserError, "archived"):
            cycle.with_user(self.user_officer).action_open_next_cycle()

    def test_period_names(self):
        for period_type, day, name in (
            ("week", "2027-01-01", "2026-W53"),
            ("week", "2027-01-04", "2027-W01"),
            ("month", "2027-03-01", "2027-03"),
            ("quarter", "2027-10-01", "2027-Q4"),
            ("half_year", "2027-07-01", "2027-H2"),
            ("year", "2027-01-01", "2027"),
        ):
            with self.subTest(period_type=period_type, day=day):
                self.assertEqual(
                    period_name(period_type, fields.Date.to_date(day)), name
                )
