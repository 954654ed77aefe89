"""The project's two commands, runnable with nothing but Python 3.11:

    python3 -m cx_tools build   # set up .venv, dbt build on the bundled data
    python3 -m cx_tools test    # set up .venv, lint, then every test
    python3 -m cx_tools build --engine postgres|spark  # the same on another engine

Both create (or refresh) the virtualenv `.venv` in the project from the
pinned requirements, then run inside it. Other subcommands: `setup` (only the
virtualenv), `lint`, `generate` (sample data, see cx_tools.generate_data),
`benchmark --customers N` (see cx_tools.benchmark), `publish` (build into a
fresh file and atomically replace the file BI tools read, see
cx_tools.publish), `dashboard` (self-contained HTML of the published marts),
`split-days` (a raw folder as a daily landing process would deliver it, see
cx_tools.raw_days), `mutate` (do the tests catch realistic one-line bugs?
see cx_tools.mutate; not part of `test`), `staging --write` (the base_ and
stg_ models written from the raw contract's declaration, see
cx_tools.staging).
Extra arguments after `build` go to `dbt build`, after `test` to pytest.
`build --engine postgres|spark` loads the raw files into that engine and
builds there (see cx_tools.engines).

Outside the virtualenv, the command replaces this process with the
virtualenv's interpreter (exec, same pid), so a signal sent to the pid that
was started reaches the process doing the work. Programs are run through
cx_tools.processes: SIGTERM, SIGINT or SIGHUP stops them and the command
(exit code 128 + the signal's number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

from cx_tools import processes
from cx_tools.progress import duration, say, step

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".cx_requirements.sha256"
# sqlfluff worker processes of `lint` (CI has 2 cores; see lint())
LINT_PROCESSES = 2


def _requirements_hash() -> str:
    h = hashlib.sha256()
    for name in ("requirements.txt", "constraints.txt"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def setup() -> None:
    """Create .venv and install the pinned stack when requirements changed."""
    wanted = _requirements_hash()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (BIN / "python").exists():
        with step("[1/3] creating virtualenv .venv", expect="a few seconds"):
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check"]
    for label, expect, args in (
            ("[2/3] upgrading pip in .venv", None, ["install", "-q", "--upgrade", "pip"]),
            ("[3/3] installing the pinned requirements into .venv",
             "about a minute on a fresh machine",
             ["install", "-q", "-r", str(ROOT / "requirements.txt"),
              "-c", str(ROOT / "constraints.txt")])):
        with step(label, expect=expect):
            code = processes.run(pip + args)
            if code != 0:
                raise subprocess.CalledProcessError(code, pip + args)
    STAMP.write_text(wanted)


def _in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _env() -> dict:
    # dbt's environment (profile, no usage stats, the venv first on PATH):
    # sqlfluff's dbt templater and the tests run dbt too
    from cx_tools.dbt_cli import dbt_env
    return dbt_env()


def _run(cmd: list[str]) -> int:
    print("cx_tools: $ " + " ".join(cmd), flush=True)
    return processes.run(cmd, cwd=ROOT, env=_env())


def build(args: list[str]) -> int:
    if any(a == "--engine" or a.startswith("--engine=") for a in args):
        # Postgres / Spark: load the raw files, then build there
        from cx_tools.engines import main as engines_main
        return engines_main(args)
    from cx_tools.report import print_rejected_rows
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    try:
        from cx_tools.dbt_cli import run_dbt
        code = run_dbt(["build", *args])
    except processes.Interrupted:
        print("cx_tools: the build was stopped; audit.cx_build_runs records it as "
              "'running' until the next build marks it 'interrupted'", flush=True)
        raise
    if code != 0:
        # which relations of the warehouse this failed run left from
        # earlier runs (audit.cx_build_runs, see cx_tools.build_log)
        from cx_tools.build_log import report_failed_build
        report_failed_build(ROOT / os.environ.get("CX_DUCKDB_PATH", "cx_metrics.duckdb"),
                            since=started - dt.timedelta(seconds=1))
    # what the build left out, last, where it is seen (see cx_tools.report)
    print_rejected_rows(ROOT / os.environ.get("CX_DUCKDB_PATH", "cx_metrics.duckdb"))
    return code


def benchmark(args: list[str]) -> int:
    from cx_tools.benchmark import main as benchmark_main
    return benchmark_main(args)


def publish(args: list[str]) -> int:
    from cx_tools.publish import main as publish_main
    return publish_main(args)


def dashboard(args: list[str]) -> int:
    from cx_tools.dashboard import main as dashboard_main
    return dashboard_main(args)


def generate(args: list[str]) -> int:
    # in the virtualenv: the generator needs numpy and pyarrow, and their pinned
    # versions are what makes its output byte-identical across machines
    from cx_tools.generate_data import main as generate_main
    generate_main(args)
    return 0


def mutate(args: list[str]) -> int:
    from cx_tools.mutate import main as mutate_main
    return mutate_main(args)


def staging(args: list[str]) -> int:
    from cx_tools.staging import main as staging_main
    return staging_main(args)


def split_days(args: list[str]) -> int:
    from cx_tools.raw_days import main as split_main
    return split_main(args)


def lint(args: list[str]) -> int:
    """sqlfluff on the models and analyses (dbt templater, extra arguments go
    to it), then on the SQL of the macros and generic tests, which sqlfluff's
    dbt templater skips (cx_tools.lint_macros).

    One sqlfluff pass for every model: the source adapters' models
    (models/staging/zendesk/, ...), enabled in a build only by their var,
    are enabled for the linter by var lint_every_model (.sqlfluff), so a
    new adapter folder needs no pass of its own; each pass would compile
    the whole dbt project again. `--processes 2`: the dbt templater renders
    each file in this process while two workers parse and lint the files
    already rendered (the same violations as one process; docs/testing.md,
    "CI")."""
    code = _run([str(BIN / "sqlfluff"), "lint", "models", "analyses",
                 "--processes", str(LINT_PROCESSES), *args])
    macros_code = _run([str(BIN / "python"), "-m", "cx_tools.lint_macros"])
    return code or macros_code


def test(args: list[str]) -> int:
    started, took = time.monotonic(), {}
    with step("[1/2] lint: sqlfluff on models, analyses, macros and generic tests") \
            as lint_step:
        code = lint([])
        if code != 0:
            lint_step.fail()
    took["lint"] = lint_step.seconds
    if code != 0:
        say("sqlfluff lint failed")
        return code
    # pytest prints its own progress; the slowest tests are listed at the end
    with step("[2/2] pytest tests/python: one dbt build of the project, then every test",
              expect="about 25 minutes on 2 cores", heartbeat=False) as pytest_step:
        code = _run([str(BIN / "python"), "-m", "pytest", "tests/python", "--durations=10",
                     *args])
        if code != 0:
            pytest_step.fail()
    took["pytest"] = pytest_step.seconds
    say(f"test {'passed' if code == 0 else 'FAILED'} in {duration(time.monotonic() - started)} "
        "(" + ", ".join(f"{k} {duration(v)}" for k, v in took.items()) + ")")
    if code == 5:
        say("pytest collected no test: that is a failure")
        return 1
    return code


def _reexec_in_venv(command: str, rest: list[str]) -> int:
    """Run this command with the virtualenv's interpreter: on POSIX by exec,
    so that no extra process layer sits between a signal and the work."""
    cmd = [str(BIN / "python"), "-m", "cx_tools", command, *rest]
    if os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.chdir(ROOT)
        os.execve(cmd[0], cmd, _env())
    return processes.run(cmd, cwd=ROOT, env=_env())


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    try:
        return _main(command, rest)
    except processes.Interrupted as stop:
        print(f"cx_tools: {command} stopped by {stop.name}", file=sys.stderr, flush=True)
        return stop.exit_code


def _main(command: str, rest: list[str]) -> int:
    setup()
    if command == "setup":
        return 0
    if not _in_venv():
        return _reexec_in_venv(command, rest)
    commands = {"build": build, "test": test, "lint": lint, "benchmark": benchmark,
                "publish": publish, "dashboard": dashboard, "generate": generate,
                "split-days": split_days, "mutate": mutate, "staging": staging}
    if command not in commands:
        print(f"unknown command {command!r}\n{__doc__}")
        return 2
    # the project's local package (packages/cx_platform), linked by dbt deps
    from cx_tools.dbt_cli import install_packages
    install_packages()
    return commands[command](rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
