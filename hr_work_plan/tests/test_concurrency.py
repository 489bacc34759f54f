# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Several transactions at once, as on a server with several workers.

A TransactionCase's data is invisible to other cursors: these tests commit
their records through cursors of their own and delete them afterwards. A
request is run as a worker runs it, through ``retrying``: serialization
errors are retried, integrity errors become the message the user sees."""

import threading
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from functools import partial

import psycopg2
from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CLOCK, WorkPlanCase

CLIENTS = 5
# the deadline job runs after every deadline of the December plans
AFTER_DEADLINES = "2026-12-02 01:00:00"


class ConcurrencyCase(TransactionCase):
    """A department of six owners and a monthly policy with deadlines,
    committed, removed after each test."""

    freeze_time = CLOCK

    @contextmanager
    def cursor_env(self):
        """An environment on a cursor of its own, committed at the end."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_records)
        with self.cursor_env() as env:
            user = new_test_user(
                env,
                login="wp_concurrency_manager",
                groups="base.group_user,hr_work_plan.group_work_plan_manager",
            )
            department = env["hr.department"].create({"name": "Concurrency"})
            manager = env["hr.employee"].create(
                {
                    "name": "Concurrency manager",
                    "user_id": user.id,
                    "department_id": department.id,
                }
            )
            department.manager_id = manager
            staff = env["hr.employee"].create(
                [
                    {
                        "name": f"Concurrency staff {index}",
                        "department_id": department.id,
                        "parent_id": manager.id,
                    }
                    for index in range(5)
                ]
            )
            policy = env["hr.work.plan.policy"].create(
                {
                    "name": "Concurrency",
                    "code": "CONCURRENCY",
                    "department_ids": [Command.set(department.ids)],
                    "deadline_ids": [
                        Command.create(
                            {
                                "stage": "submit",
                                "position": "before",
                                "day": 27,
                                "hour": 12,
                            }
                        ),
                        Command.create(
                            {
                                "stage": "approve",
                                "position": "before",
                                "day": -1,
                                "hour": 18,
                            }
                        ),
                    ],
                }
            )
            self.user_id = user.id
            self.partner_id = user.partner_id.id
            self.department_id = department.id
            self.manager_id = manager.id
            self.staff_ids = staff.ids
            self.policy_id = policy.id

    def _remove_records(self):
        with self.cursor_env() as env:
            policy = env["hr.work.plan.policy"].browse(self.policy_id)
            env["hr.work.plan"].search([("policy_id", "=", policy.id)]).unlink()
            env["hr.work.plan.cycle"].search([("policy_id", "=", policy.id)]).unlink()
            cron = env.ref("hr_work_plan.ir_cron_work_plan_deadlines")
            env["ir.cron.progress"].search([("cron_id", "=", cron.id)]).unlink()
            policy.unlink()
            employees = env["hr.employee"].browse([self.manager_id, *self.staff_ids])
            contacts = employees.work_contact_id
            employees.unlink()
            env["hr.department"].browse(self.department_id).unlink()
            env["res.users"].browse(self.user_id).unlink()
            (contacts | env["res.partner"].browse(self.partner_id)).unlink()

    def _cycle_values(self):
        return {
            "name": "December",
            "policy_id": self.policy_id,
            "date_from": "2026-12-01",
        }

    def _planning_cycle(self, env):
        cycle = env["hr.work.plan.cycle"].create(self._cycle_values())
        cycle.action_start_planning()
        return cycle

    def _plan_values(self, employee_id, **values):
        return {
            "policy_id": self.policy_id,
            "employee_id": employee_id,
            "date_from": "2026-12-01",
            "date_to": "2026-12-31",
            **values,
        }

    def _plans(self, env):
        return env["hr.work.plan"].search(
            [("policy_id", "=", self.policy_id)], order="id"
        )

    def _in_parallel(self, function, clients=CLIENTS):
        """Run ``function(env)`` as ``clients`` requests at the same moment,
        each in its own worker thread and transaction; returns what each one
        returned, or the error it raised."""
        start = threading.Barrier(clients, timeout=60)

        def request():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                start.wait()
                try:
                    return retrying(partial(function, env), env)
                except (UserError, ValidationError) as error:
                    cr.rollback()
                    return error

        with ThreadPoolExecutor(max_workers=clients) as executor:
            futures = [executor.submit(request) for _client in range(clients)]
            return [future.result() for future in futures]


@tagged("post_install", "-at_install")
class TestConcurrentGeneration(ConcurrencyCase):
    def test_clients_generating_at_once_create_each_plan_once(self):
        with self.cursor_env() as env:
            cycle_id = self._planning_cycle(env).id

        def generate(env):
            return len(
                env["hr.work.plan.cycle"].browse(cycle_id).action_generate_plans()
            )

        with mute_logger("odoo.sql_db", "odoo.service.model"):
            outcomes = self._in_parallel(generate)
        with self.cursor_env() as env:
            plans = self._plans(env)
            messages = env["hr.work.plan.cycle"].browse(cycle_id).message_ids
            self.assertEqual(len(plans), 6, outcomes)
            self.assertEqual(
                len(set(plans.mapped("employee_id"))), 6, "one plan per owner"
            )
            self.assertEqual(
                len(messages.filtered(lambda m: "plans generated" in m.body)), 1
            )
        # one client generated them; the others found them or were told
        self.assertEqual(outcomes.count(6), 1, outcomes)
        for outcome in outcomes:
            self.assertTrue(
                outcome in (0, 6) or "being generated" in str(outcome), outcome
            )

    def test_generation_while_another_runs_is_refused_at_once(self):
        with self.cursor_env() as env:
            cycle_id = self._planning_cycle(env).id
        with self.cursor_env() as first_env, self.cursor_env() as second_env:
            first = first_env["hr.work.plan.cycle"].browse(cycle_id)
            self.assertEqual(len(first.action_generate_plans()), 6)
            first_env.flush_all()
            # the first generation has not committed: the second one would
            # not see its plans; it must neither wait nor duplicate them
            second = second_env["hr.work.plan.cycle"].browse(cycle_id)
            with self.assertRaisesRegex(UserError, "being generated right now"):
                second.action_generate_plans()
            second_env.cr.rollback()
        with self.cursor_env() as env:
            self.assertEqual(len(self._plans(env)), 6)

    def test_generation_that_read_the_cycle_before_another_committed_is_retried(
        self,
    ):
        with self.cursor_env() as env:
            cycle_id = self._planning_cycle(env).id
        with self.cursor_env() as late_env:
            late = late_env["hr.work.plan.cycle"].browse(cycle_id)
            # this request reads the cycle before the other generation commits
            self.assertFalse(late.plan_ids)
            with self.cursor_env() as env:
                self.assertEqual(
                    len(
                        env["hr.work.plan.cycle"]
                        .browse(cycle_id)
                        .action_generate_plans()
                    ),
                    6,
                )
            attempts = []

            def generate():
                attempts.append(True)
                return late.action_generate_plans()

            with mute_logger("odoo.service.model"):
                created = retrying(generate, late_env)
            self.assertFalse(created, "the retry sees the plans of the other one")
            self.assertEqual(len(attempts), 2)
        with self.cursor_env() as env:
            self.assertEqual(len(self._plans(env)), 6)

    @mute_logger("odoo.sql_db")
    def test_the_database_keeps_one_open_plan_per_owner_and_period(self):
        employee_id = self.staff_ids[0]
        with self.cursor_env() as late_env:
            # read before the other transaction commits its plan: the Python
            # check cannot see it
            self.assertFalse(self._plans(late_env))
            with self.cursor_env() as env:
                env["hr.work.plan"].create(self._plan_values(employee_id))
            with self.assertRaises(psycopg2.errors.UniqueViolation):
                late_env["hr.work.plan"].create(self._plan_values(employee_id))
            late_env.cr.rollback()
        with self.cursor_env() as env:
            plan = self._plans(env)
            plan.action_cancel()
            # a cancelled plan leaves the place free
            env["hr.work.plan"].create(self._plan_values(employee_id))
            department_plan = self._plan_values(
                self.manager_id,
                owner_type="department",
                department_id=self.department_id,
            )
            env["hr.work.plan"].create(department_plan)
            env.flush_all()
            # another plan of the department, whoever its owner, even past
            # the Python checks
            with (
                self.assertRaises(psycopg2.errors.UniqueViolation),
                env.cr.savepoint(),
            ):
                env.cr.execute(
                    """INSERT INTO hr_work_plan (policy_id, owner_type, employee_id,
                           department_id, company_id, date_from, date_to, state)
                       SELECT policy_id, owner_type, %s, department_id, company_id,
                              date_from, date_to, state
                         FROM hr_work_plan
                        WHERE policy_id = %s AND owner_type = 'department'""",
                    [self.staff_ids[1], self.policy_id],
                )


@tagged("post_install", "-at_install")
class TestConcurrentCycles(ConcurrencyCase):
    def test_clients_creating_the_same_cycle_at_once_leave_one(self):
        def create(env):
            return env["hr.work.plan.cycle"].create(self._cycle_values()).id

        with mute_logger("odoo.sql_db"):
            outcomes = self._in_parallel(create)
        with self.cursor_env() as env:
            cycles = env["hr.work.plan.cycle"].search(
                [("policy_id", "=", self.policy_id)]
            )
            self.assertEqual(len(cycles), 1, outcomes)
        refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
        self.assertEqual(len(refused), CLIENTS - 1, outcomes)
        for error in refused:
            self.assertIsInstance(error, ValidationError)
            self.assertRegex(
                str(error), "one cycle per period|already has a cycle from"
            )

    def test_cycle_created_after_another_one_read_is_refused_with_the_message(self):
        with self.cursor_env() as late_env:
            # read before the other cycle is committed: the Python check
            # cannot see it
            self.assertFalse(
                late_env["hr.work.plan.cycle"].search(
                    [("policy_id", "=", self.policy_id)]
                )
            )
            with self.cursor_env() as env:
                env["hr.work.plan.cycle"].create(self._cycle_values())
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaisesRegex(
                    ValidationError,
                    "A policy has one cycle per period: this one already exists.",
                ),
            ):
                retrying(
                    partial(
                        late_env["hr.work.plan.cycle"].create, self._cycle_values()
                    ),
                    late_env,
                )
        with self.cursor_env() as env:
            self.assertEqual(
                env["hr.work.plan.cycle"].search_count(
                    [("policy_id", "=", self.policy_id)]
                ),
                1,
            )


@tagged("post_install", "-at_install")
class TestConcurrentDeadlines(ConcurrencyCase):
    """Six submitted plans whose approval deadline has passed: the deadline
    job flags them late and gives their approver one to-do each."""

    def setUp(self):
        super().setUp()
        with self.cursor_env() as env:
            item = [Command.create({"name": "Item", "weight": 100})]
            plans = env["hr.work.plan"].create(
                [
                    self._plan_values(employee, line_ids=item)
                    for employee in [*self.staff_ids, self.manager_id]
                ]
            )
            plans.action_submit()
            plans.activity_ids.unlink()
            # the manager's own plan has no approver: five to-dos in all
            self.plan_ids = plans.ids

    def _run_job(self, env, batch_size=2):
        """Run the deadline job as the scheduler does: with a progress record
        to report to. Returns that record."""
        cron = env.ref("hr_work_plan.ir_cron_work_plan_deadlines")
        progress = env["ir.cron.progress"].create({"cron_id": cron.id})
        # on these plans only: the database has others
        env["hr.work.plan"].browse(self.plan_ids).with_context(
            ir_cron_progress_id=progress.id
        )._cron_plan_deadlines(batch_size=batch_size)
        return progress

    def _state(self, env):
        """Per plan: approval flagged late, number of to-dos, last write."""
        env.invalidate_all()
        plans = env["hr.work.plan"].browse(self.plan_ids)
        return [
            (plan.approve_late, len(plan.activity_ids), plan.write_date)
            for plan in plans
        ]

    def _edit(self, env, plan_id):
        """What an owner's request does to a plan: write on it."""
        env["hr.work.plan"].browse(plan_id).note = "<p>Being edited</p>"
        env.flush_all()

    @freeze_time(AFTER_DEADLINES)
    def test_a_plan_changed_meanwhile_costs_its_batch_not_the_run(self):
        edited = self.plan_ids[2]  # in the second batch of two
        with self.cursor_env() as job_env:
            # the job's transaction starts before the edit commits
            job_env.cr.execute("SELECT count(*) FROM hr_work_plan")
            with self.cursor_env() as env:
                self._edit(env, edited)
            with mute_logger("odoo.addons.hr_work_plan.models.hr_work_plan_deadlines"):
                progress = self._run_job(job_env)
            self.assertEqual((progress.done, progress.remaining), (4, 2))
        with self.cursor_env() as env:
            flags = [late for late, _todos, _date in self._state(env)]
            self.assertEqual(flags, [True, True, False, False, True, True])
        # the scheduler runs the job again at once: it does the rest only
        with self.cursor_env() as env:
            progress = self._run_job(env)
            self.assertEqual((progress.done, progress.remaining), (2, 0))
        with self.cursor_env() as env:
            state = self._state(env)
            self.assertTrue(all(late for late, _todos, _date in state))
            self.assertEqual([todos for _late, todos, _date in state], [1] * 5 + [0])
        # once more: nothing to flag twice, no second to-do
        with self.cursor_env() as env:
            progress = self._run_job(env)
            self.assertEqual((progress.done, progress.remaining), (0, 0))
        with self.cursor_env() as env:
            self.assertEqual(self._state(env), state)

    @freeze_time(AFTER_DEADLINES)
    def test_a_plan_being_edited_is_skipped_not_waited_for(self):
        edited = self.plan_ids[2]
        with self.cursor_env() as owner_env:
            # an owner's request is writing on the plan and has not ended
            self._edit(owner_env, edited)
            started = threading.Event()
            job_pid = []

            def job():
                with self.cursor_env() as env:
                    job_pid.append(env.cr._cnx.get_backend_pid())
                    started.set()
                    return self._run_job(env).read(["done", "remaining"])[0]

            with ThreadPoolExecutor(max_workers=1) as executor:
                future = executor.submit(job)
                try:
                    self.assertTrue(started.wait(60))
                    blocked = False
                    for _check in range(1200):
                        if wait([future], timeout=0.05).done:
                            break
                        owner_env.cr.execute(
                            "SELECT %s = ANY(pg_blocking_pids(%s))",
                            [owner_env.cr._cnx.get_backend_pid(), job_pid[0]],
                        )
                        if owner_env.cr.fetchone()[0]:
                            blocked = True
                            break
                    self.assertFalse(blocked, "the job waited for the owner's request")
                    self.assertTrue(future.done(), "the job neither ended nor waited")
                finally:
                    owner_env.cr.rollback()
                    with mute_logger("odoo.sql_db"):
                        future.exception()
            result = future.result()
            # changed: every plan but the edited one flagged, and the five
            # to-dos given, the edited plan's too; the edited plan is left
            self.assertEqual((result["done"], result["remaining"]), (6, 1), result)
        with self.cursor_env() as env:
            flags = [late for late, _todos, _date in self._state(env)]
            self.assertEqual(flags, [True, True, False, True, True, True])
            progress = self._run_job(env)
            self.assertEqual((progress.done, progress.remaining), (1, 0))
        with self.cursor_env() as env:
            state = self._state(env)
            self.assertTrue(all(late for late, _todos, _date in state))
            self.assertEqual([todos for _late, todos, _date in state], [1] * 5 + [0])


@tagged("post_install", "-at_install")
class TestDeadlineJobQueries(WorkPlanCase):
    def _queries_for(self, count):
        Plan = self.env["hr.work.plan"]
        # the other open plans of the database would be handled once only
        Plan.search(
            [("state", "in", ("draft", "submitted", "approved"))]
        ).action_cancel()
        department, employees = self._team(f"Team of {count}", f"Member {count}", count)
        policy = self.policy.copy(
            {
                "code": f"Q{count}",
                "department_ids": [Command.set(department.ids)],
                "deadline_ids": [
                    Command.create(
                        {"stage": "submit", "position": "before", "day": 27, "hour": 12}
                    ),
                    Command.create(
                        {
                            "stage": "approve",
                            "position": "before",
                            "day": -1,
                            "hour": 18,
                        }
                    ),
                ],
            }
        )
        plans = Plan.create(
            [
                {
                    "policy_id": policy.id,
                    "employee_id": employee.id,
                    "date_from": "2026-12-01",
                    "date_to": "2026-12-31",
                    "line_ids": [Command.create({"name": "Item", "weight": 100})],
                }
                for employee in employees
            ]
        )
        # each approver has a to-do already: Odoo mails every new to-do to its
        # user, a cost per to-do rather than per plan
        plans.action_submit()
        # the messages of the submissions are written at commit: not now
        self.flush_tracking()
        self.env.invalidate_all()
        with freeze_time(AFTER_DEADLINES):
            before = self.env.cr.sql_log_count
            Plan._cron_plan_deadlines()
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
        self.assertTrue(all(plans.mapped("approve_late")))
        self.assertEqual(len(plans.activity_ids), count, "no second to-do")
        return queries

    def test_queries_do_not_grow_with_plans(self):
        few = self._queries_for(10)
        many = self._queries_for(100)
        self.assertLessEqual(many, few + 10, f"10 plans: {few} queries, 100: {many}")
