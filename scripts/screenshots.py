"""Take the README's screenshots of the Work Plans app, in English and Chinese.

Logs in to a running Odoo with the addons and their demo data (for example
``scripts/demo.sh``) in headless Chromium, installs Simplified Chinese when it
is not active yet, and for each language sets the user's language, opens the
main screens and saves ``docs/screenshots/<lang>/<screen>.png`` (1440x900)::

    python3 scripts/screenshots.py [URL] [--login admin] [--password admin]

URL defaults to http://127.0.0.1:8069. The administrator takes every screen but
My Plans, which an employee who writes plans takes (``--owner-login``, by
default the demo's Marc Demo, demo / demo). A form shows the first record the
database has, a plan the furthest along the workflow; a screen without one (the
appeal) is skipped, and so is the payslip
without OCA payroll. ``--only`` takes some screens, ``--lang`` some languages.
Needs ``chromium`` and the Python package ``websocket-client``.
"""

import argparse
import base64
import itertools
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

WIDTH, HEIGHT = 1440, 900
OUT_DIR = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# the plan shown in the form: the furthest along the workflow
PLAN_STATES = ["assessed", "done", "self_assessed", "approved", "submitted", "draft"]
SETTLED_JS = """
document.readyState === "complete"
    && !document.querySelector(".o_loading, .o_loading_indicator, .o_blockUI")
    && !!document.querySelector(%s)
"""

# a screen's selector to click (a button opening a dialog) rather than scroll to
CLICK = "click:"
# a tab or button to press before the screenshot, that opens no dialog
PRESS = "press:"
# brings an element to the top of the box that scrolls it
SCROLL_JS = """
(() => {
    const element = document.querySelector(%s);
    let content = element.parentElement;
    while (content && content.scrollHeight <= content.clientHeight) {
        content = content.parentElement;
    }
    content = content || document.scrollingElement;
    content.scrollTop += element.getBoundingClientRect().top
        - content.getBoundingClientRect().top - 16;
})()
"""


class Browser:
    """A headless Chromium driven through the DevTools protocol."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="wp-shots-")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                f"--remote-debugging-port={port}",
                f"--window-size={WIDTH},{HEIGHT}",
                "--no-sandbox",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = websocket.create_connection(
            self._page_url(port), timeout=300, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.in_flight = {}
        self.send("Page.enable")
        self.send("Network.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _page_url(self, port):
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
                    pages = [t for t in json.load(r) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.1)
        sys.exit("error: Chromium's DevTools did not answer")

    def _event(self, message):
        method, params = message.get("method"), message.get("params", {})
        # the bus's shared worker never reports its script loaded to the page
        url = params.get("request", {}).get("url", "")
        if method == "Network.requestWillBeSent" and "websocket_worker" not in url:
            self.in_flight[params["requestId"]] = url
        elif method == "Page.frameNavigated" and "parentId" not in params["frame"]:
            self.in_flight.clear()  # the last page's requests end unreported
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            self.in_flight.pop(params["requestId"], None)

    def send(self, method, **params):
        """Sends one command and returns its result, noting events meanwhile."""
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self._event(message)

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", details)["description"])
        return result["result"].get("value")

    def goto(self, url):
        """Opens the URL and waits for its load event."""
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def wait_for(self, event):
        while True:
            message = json.loads(self.ws.recv())
            self._event(message)
            if message.get("method") == event:
                return

    def settle(self, selector=".o_action_manager .o_view_controller", timeout=60):
        """Waits for the selector's element, no loading sign and no request."""
        settled = SETTLED_JS % json.dumps(selector)
        deadline, quiet_since = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            if self.evaluate(settled) and not self.in_flight:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 1:
                    time.sleep(1)  # animations, fonts
                    return
            else:
                quiet_since = None
            time.sleep(0.2)
        pending = ", ".join(self.in_flight.values()) or "none"
        url = self.evaluate("location.href")
        raise RuntimeError(f"{url} did not settle (requests under way: {pending})")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class Odoo:
    """The web client in the browser, and JSON-RPC through its session."""

    def __init__(self, browser, url):
        self.browser, self.url = browser, url.rstrip("/")

    def login(self, login, password):
        """Logs in through the login form; False when Odoo refuses."""
        self.browser.goto(f"{self.url}/web/login")
        fields = json.dumps({"login": login, "password": password})
        self.browser.evaluate(
            f"""for (const [name, value] of Object.entries({fields})) {{
                document.querySelector(`input[name=${{name}}]`).value = value;
            }}
            document.querySelector("form.oe_login_form").submit();"""
        )
        self.browser.wait_for("Page.loadEventFired")
        if "/web/login" in self.browser.evaluate("location.pathname"):
            return False
        self.browser.settle(".o_main_navbar")
        self.uid = self.rpc("/web/session/get_session_info", {})["uid"]
        return True

    def logout(self):
        self.browser.goto(f"{self.url}/web/session/logout")

    def rpc(self, route, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        reply = self.browser.evaluate(
            f"""fetch({json.dumps(self.url + route)}, {{
                method: "POST", headers: {{"Content-Type": "application/json"}},
                body: {json.dumps(body)},
            }}).then((r) => r.json())"""
        )
        if reply.get("error"):
            raise RuntimeError(f"{route}: {reply['error']['data']['message']}")
        return reply["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def first_id(self, model, domain, order="id"):
        ids = self.call(model, "search", domain, limit=1, order=order)
        return ids[0] if ids else None

    def language(self):
        return self.call("res.users", "read", [self.uid], ["lang"])[0]["lang"]

    def set_language(self, code):
        """Activates the language if needed and makes it the user's."""
        lang = self.call(
            "res.lang",
            "search_read",
            [("code", "=", code)],
            ["active"],
            context={"active_test": False},
        )
        if not lang:
            sys.exit(f"error: no language {code}")
        if not lang[0]["active"]:
            print(f"installing {code}")
            wizard = self.call(
                "base.language.install",
                "create",
                {"lang_ids": [(6, 0, [lang[0]["id"]])]},
            )
            self.call("base.language.install", "lang_install", [wizard])
        self.call("res.users", "write", [self.uid], {"lang": code})


def admin_screens(odoo):
    """(name, URL[, selector to scroll to or click]) of the screens the administrator
    takes; a form shows the first record the database has, and has no URL
    without one."""
    for state in PLAN_STATES:
        domain = [("state", "=", state), ("line_ids", "!=", False)]
        plan = odoo.first_id("hr.work.plan", domain)
        if plan:
            break
    action = f"{odoo.url}/odoo/action-hr_work_plan."
    yield "plans_kanban", f"{action}hr_work_plan_action_all?view_type=kanban"
    for name, xmlid, record in [
        ("plan_form", "hr_work_plan_action_all", plan),
        (
            "cycle_form",
            "hr_work_plan_cycle_action",
            odoo.first_id("hr.work.plan.cycle", [], order="date_from desc"),
        ),
        (
            "policy_form",
            "hr_work_plan_policy_action",
            odoo.first_id("hr.work.plan.policy", []),
        ),
        (
            "appeal_form",
            "hr_work_plan_appeal_action",
            odoo.first_id("hr.work.plan.appeal", []),
        ),
    ]:
        yield name, record and f"{action}{xmlid}/{record}"
    measured = odoo.first_id(
        "hr.work.plan", [("line_ids.line_type", "not in", ("task", False))]
    )
    yield (
        "indicator_plan_form",
        measured and f"{action}hr_work_plan_action_all/{measured}",
    )
    yield (
        "indicator_item",
        measured and f"{action}hr_work_plan_action_all/{measured}",
        f"{CLICK}button[name=action_open_item]",
    )
    yield (
        "indicator_form",
        (
            indicator := odoo.first_id(
                "hr.work.plan.indicator", [("line_type", "=", "kpi")]
            )
        )
        and f"{action}hr_work_plan_indicator_action/{indicator}",
    )
    routed = odoo.first_id("hr.work.plan", [("approval_ids", "!=", False)])
    yield (
        "plan_approvals",
        routed and f"{action}hr_work_plan_action_all/{routed}",
        f"{PRESS}a[name=approvals]",
    )
    reviewed = odoo.first_id("hr.work.plan", [("under_review", "=", True)])
    yield (
        "plan_review",
        reviewed and f"{action}hr_work_plan_action_all/{reviewed}",
    )
    route = odoo.first_id("hr.work.plan.policy", [("route_step_ids", "!=", False)])
    yield (
        "policy_route",
        route and f"{action}hr_work_plan_policy_action/{route}",
        f"{PRESS}a[name=route]",
    )
    analysis = "hr_work_plan_report.hr_work_plan_action_analysis"
    yield "analysis_pivot", f"{odoo.url}/odoo/action-{analysis}"
    penalties = "hr_work_plan_penalty"
    yield (
        "fines_ledger",
        f"{odoo.url}/odoo/action-{penalties}.hr_work_plan_penalty_action",
    )
    case = odoo.first_id("hr.work.plan.case", [])
    yield (
        "case_form",
        case and f"{odoo.url}/odoo/action-{penalties}.hr_work_plan_case_action/{case}",
    )
    if odoo.call("ir.model", "search_count", [("model", "=", "hr.payslip")]):
        payslip = odoo.first_id("hr.payslip", [("work_plan_pay", "!=", 0)])
        payslips = f"{odoo.url}/odoo/action-payroll.hr_payslip_action"
        yield (
            "payslip_form",
            payslip and f"{payslips}/{payslip}",
            "div[name=input_line_ids]",
        )


def owner_screens(odoo):
    """The screens of an employee who writes plans and approves his team's."""
    yield (
        "overview",
        f"{odoo.url}/odoo/action-hr_work_plan.hr_work_plan_dashboard_action",
    )
    yield "my_plans", f"{odoo.url}/odoo/action-hr_work_plan.hr_work_plan_action_my"
    action = f"{odoo.url}/odoo/action-hr_work_plan."
    yield "to_approve", f"{action}hr_work_plan_approval_action_mine"
    yield (
        "delegations",
        f"{action}hr_work_plan_delegation_action",
        f"{PRESS}.o_list_button_add",
    )


def take(odoo, login, password, screens, args):
    """Logs in and saves the screens in each language, then logs out;
    False when Odoo refuses the login."""
    if not odoo.login(login, password):
        return False
    original = odoo.language()
    try:
        for lang in args.lang:
            odoo.set_language(lang)
            for name, url, *scroll_to in screens(odoo):
                if args.only and name not in args.only:
                    continue
                if not url:
                    print(f"skipping {name}: the database has none")
                    continue
                odoo.browser.goto(url)
                odoo.browser.settle()
                for selector in scroll_to:
                    if selector.startswith(PRESS):
                        target = json.dumps(selector.removeprefix(PRESS))
                        odoo.browser.evaluate(
                            f"document.querySelector({target}).click()"
                        )
                    elif selector.startswith(CLICK):
                        button = json.dumps(selector.removeprefix(CLICK))
                        odoo.browser.evaluate(
                            f"document.querySelector({button}).click()"
                        )
                        odoo.browser.settle(".modal .o_form_view")
                    else:
                        odoo.browser.evaluate(SCROLL_JS % json.dumps(selector))
                    time.sleep(0.5)
                path = args.out / lang / f"{name}.png"
                odoo.browser.screenshot(path)
                print(f"{path}  {path.stat().st_size // 1024} KiB")
    finally:
        odoo.call("res.users", "write", [odoo.uid], {"lang": original})
        odoo.logout()
    return True


def main():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8069")
    parser.add_argument("--login", default="admin", help="an administrator")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--owner-login", default="demo", help="takes My Plans")
    parser.add_argument("--owner-password", default="demo")
    parser.add_argument("--lang", nargs="+", default=["en_US", "zh_CN"])
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="SCREEN",
        help="overview, my_plans, plans_kanban, plan_form, cycle_form, policy_form, "
        "appeal_form, indicator_plan_form, indicator_item, indicator_form, "
        "analysis_pivot, fines_ledger, case_form, payslip_form",
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()

    browser = Browser(args.chromium)
    try:
        odoo = Odoo(browser, args.url)
        if not take(odoo, args.login, args.password, admin_screens, args):
            sys.exit(f"error: Odoo refused the login {args.login}")
        if not take(odoo, args.owner_login, args.owner_password, owner_screens, args):
            print(f"skipped My Plans: Odoo refused the login {args.owner_login}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
