"""Judge one host suite from the log of Odoo's test runner and print its
one-line summary, then the failing tests and any other error of the log.

    python3 scripts/host_suite_report.py NAME LOG EXIT_CODE SECONDS

Exits 1 when the suite failed: Odoo exited non-zero, the log has no final
test count or counts no test, a test failed or errored (``FAIL:``/``ERROR:``
lines), or anything else logged an error, as Odoo's runbot judges a build.
Warnings are counted and listed but do not fail the suite.
"""

import re
import sys

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+ (?P<logger>\S+): "
    r"(?P<message>.*)$"
)
RESULT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<tests>\d+) tests "
    r"when loading database"
)
TEST_FAILURE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+?)\s*$")
# lines that only repeat that a test failed
CONSEQUENCES = ("At least one test failed when loading the modules.",)


def test_tag(logger, test):
    """``/module:Class.method``, the test's name as a test tag, and where it is."""
    addon = re.match(r"odoo\.addons\.(\w+)\.", logger)
    return f"/{addon[1]}:{test} ({logger})" if addon else f"{test} ({logger})"


def read_records(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = RECORD.match(line.rstrip("\n"))
            if match:
                yield match["level"], match["logger"], match["message"].strip()


def judge(name, path, exit_code, seconds):
    result = None
    failures, errors, warnings = [], [], []
    try:
        records = list(read_records(path))
    except OSError as error:
        records = []
        errors.append(f"cannot read the log: {error}")
    for level, logger, message in records:
        if logger == "odoo.tests.result" and RESULT.search(message):
            result = RESULT.search(message)
            continue
        if level in ("ERROR", "CRITICAL"):
            failure = TEST_FAILURE.match(message)
            if failure:
                failures.append(
                    f"{failure['kind']}: {test_tag(logger, failure['test'])}"
                )
            elif message not in CONSEQUENCES:
                errors.append(f"{level} {logger}: {message}")
        elif level == "WARNING":
            warnings.append(f"{logger}: {message}")

    if result:
        tests, failed, errored = (int(result[k]) for k in ("tests", "failed", "errors"))
        counts = f"{tests} tests, {failed} failed, {errored} errors"
    else:
        tests = failed = errored = 0
        counts = "no test count in the log"
    ok = (
        exit_code == 0
        and result is not None
        and tests > 0
        and not (failed or errored or failures or errors)
    )
    extra = []
    if exit_code:
        extra.append(f"exit code {exit_code}")
    if errors:
        extra.append(f"{len(errors)} other errors")
    if warnings:
        extra.append(f"{len(warnings)} warnings")
    if result is not None and not tests:
        extra.append("ran no test")
    status = "passed" if ok else "FAILED"
    details = f"; {', '.join(extra)}" if extra else ""
    print(f"{name}: {status}: {counts} in {seconds} s{details} (log: {path})")
    for line in failures:
        print(f"    {line}")
    for line in errors + [f"WARNING {warning}" for warning in warnings]:
        print(f"    {line[:300]}")
    return ok


if __name__ == "__main__":
    suite, log_path, code, elapsed = sys.argv[1:5]
    sys.exit(0 if judge(suite, log_path, int(code), elapsed) else 1)
