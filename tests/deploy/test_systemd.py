"""The systemd units (deploy/systemd/) and the scheduled-job script the timers run.

The units name paths on the production host (/srv/gobroad/app); these tests map them onto this
checkout and check that what each unit starts exists here and accepts the arguments given.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
SCHEDULED_JOB = ROOT / "deploy" / "scheduled-job"
APP_DIR = "/srv/gobroad/app"  # where the units expect this repository
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVICES = sorted(UNITS.glob("*.service"))
TIMERS = sorted(UNITS.glob("*.timer"))


def read_unit(path):
    """{section: {key: [values]}}, as systemd reads a unit file (keys may repeat)."""
    sections, section = {}, None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = sections.setdefault(line[1:-1], {})
        else:
            key, _, value = line.partition("=")
            section.setdefault(key.strip(), []).append(value.strip())
    return sections


def exec_start(path):
    (command,) = read_unit(path)["Service"]["ExecStart"]
    return shlex.split(command)


def in_checkout(production_path):
    """This checkout's file for a path under /srv/gobroad/app."""
    assert production_path.startswith(APP_DIR + "/"), production_path
    return ROOT / production_path.removeprefix(APP_DIR + "/")


def django_env():
    return {**{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "gobroad_site.settings.test"}


# What the manage.py commands do with their arguments, without running them: the command's own parser.
PARSE_COMMANDS = """
import json, sys
import django
django.setup()
from django.core.management import CommandError, get_commands, load_command_class
problems = {}
for argv in json.load(sys.stdin):
    name, arguments = argv[0], argv[1:]
    if name not in get_commands():
        problems[" ".join(argv)] = "no such manage.py command"
        continue
    parser = load_command_class(get_commands()[name], name).create_parser("manage.py", name)
    try:
        parser.parse_args(arguments)
    except (CommandError, SystemExit) as error:
        problems[" ".join(argv)] = str(error)
print(json.dumps(problems))
"""


def manage_py_problems(commands):
    """{command line: what manage.py objects to} for each argv (starting at the command name)."""
    result = subprocess.run([str(PYTHON), "-c", PARSE_COMMANDS], input=json.dumps(commands), cwd=ROOT,
                            env=django_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def scheduled_jobs(tmp_path_factory):
    """{job name: the manage.py command line deploy/scheduled-job runs for it}, for every name it knows.

    The script runs on a copy of itself beside a stand-in .venv/bin/python that records its arguments.
    """
    app = tmp_path_factory.mktemp("app")
    (app / "deploy").mkdir()
    script = app / "deploy" / "scheduled-job"
    shutil.copy2(SCHEDULED_JOB, script)
    (app / ".venv" / "bin").mkdir(parents=True)
    recorder = app / ".venv" / "bin" / "python"
    recorder.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/../../ran"\n')
    recorder.chmod(0o755)
    names = re.findall(r"^\s*([a-z][a-z0-9-]*(?:\|[a-z][a-z0-9-]*)*)\)", SCHEDULED_JOB.read_text(), re.MULTILINE)
    jobs = {}
    for name in (n for label in names for n in label.split("|")):
        (app / "ran").unlink(missing_ok=True)
        result = subprocess.run([str(script), name], cwd="/", capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, (name, result.stderr)
        ran = (app / "ran").read_text().splitlines()
        assert ran[0] == "manage.py", (name, ran)
        jobs[name] = ran[1:]
    return jobs


# --- Timers and the scheduled jobs ------------------------------------------------------------


def test_every_timer_runs_a_job_the_script_knows(scheduled_jobs):
    assert (UNITS / "gobroad-task@.service").exists()
    scheduled = set()
    for timer in TIMERS:
        (unit,) = read_unit(timer)["Timer"]["Unit"]
        match = re.fullmatch(r"gobroad-task@(.+)\.service", unit)
        assert match, f"{timer.name} starts {unit}, not a gobroad-task@ job"
        assert match.group(1) in scheduled_jobs, f"{timer.name}: deploy/scheduled-job does not know {match.group(1)}"
        assert read_unit(timer)["Install"]["WantedBy"] == ["timers.target"], timer.name
        scheduled.add(match.group(1))
    # And every job the script knows has its timer, or it would never run.
    assert scheduled == set(scheduled_jobs)
    assert len(TIMERS) >= 3


def test_scheduled_jobs_run_manage_py_commands_that_accept_their_arguments(scheduled_jobs):
    assert {name: argv[0] for name, argv in scheduled_jobs.items()} == {
        "purge": "purge_consult_requests",
        "prune-tasks": "prune_db_task_results",
        "clear-sessions": "clearsessions",
    }
    assert "--min-age-days" in scheduled_jobs["prune-tasks"]
    assert manage_py_problems(list(scheduled_jobs.values())) == {}


@pytest.mark.parametrize("arguments", [["no-such-job"], []])
def test_scheduled_job_refuses_an_unknown_name(arguments):
    result = subprocess.run(["sh", str(SCHEDULED_JOB), *arguments], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "purge|prune-tasks|clear-sessions" in result.stderr


# --- What the services start ------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES, ids=lambda path: path.name)
def test_each_service_starts_an_executable_of_this_project(service):
    """systemd runs ExecStart's first word directly: it must exist and be executable (the script too)."""
    unit = read_unit(service)["Service"]
    assert unit["WorkingDirectory"] == [APP_DIR]
    program = in_checkout(exec_start(service)[0])
    assert program.is_file(), program
    assert os.access(program, os.X_OK), f"{program} is not executable"


def test_the_worker_runs_db_worker_with_arguments_it_accepts():
    argv = exec_start(UNITS / "gobroad-worker.service")
    assert in_checkout(argv[0]) == PYTHON
    assert argv[1] == "manage.py" and (ROOT / "manage.py").is_file()
    assert argv[2] == "db_worker"
    # systemd does not expand globs: '*' reaches db_worker as its "every queue".
    assert argv[argv.index("--queue-name") + 1] == "*"
    assert manage_py_problems([argv[2:]]) == {}


def test_the_web_service_runs_gunicorn_with_the_project_config_and_app():
    argv = exec_start(UNITS / "gobroad-web.service")
    assert in_checkout(argv[0]) == ROOT / ".venv" / "bin" / "gunicorn"
    assert argv[1:] == ["-c", "gunicorn.conf.py", "gobroad_site.wsgi"]
    assert (ROOT / "gunicorn.conf.py").is_file()
    # gunicorn reads the config and imports the application, as it would when starting.
    result = subprocess.run([str(in_checkout(argv[0])), "--check-config", *argv[1:]], cwd=ROOT, env=django_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # Type=notify: systemd waits for gunicorn's READY=1, which gunicorn sends only if it knows how.
    assert read_unit(UNITS / "gobroad-web.service")["Service"]["Type"] == ["notify"]
    check = subprocess.run([str(PYTHON), "-c", "import gunicorn.systemd as s; print(callable(s.sd_notify))"],
                           capture_output=True, text=True, timeout=30)
    assert check.stdout.strip() == "True", check.stderr


def test_the_task_service_runs_the_scheduled_job_script_with_its_instance():
    argv = exec_start(UNITS / "gobroad-task@.service")
    assert in_checkout(argv[0]) == SCHEDULED_JOB
    assert argv[1:] == ["%i"]
    assert SCHEDULED_JOB.read_text().startswith("#!/bin/sh\n")


# --- Hardening ----------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES, ids=lambda path: path.name)
def test_each_service_runs_unprivileged_and_confined(service):
    unit = read_unit(service)["Service"]
    assert unit.get("User") == ["gobroad"] and unit.get("Group") == ["gobroad"]
    assert unit.get("NoNewPrivileges") == ["yes"]
    assert unit.get("ProtectSystem") == ["strict"]
    assert unit.get("ProtectHome") == ["yes"]
    assert unit.get("PrivateTmp") == ["yes"]
    assert unit.get("EnvironmentFile") == ["/etc/gobroad/gobroad.env"]


# --- systemd's own check ------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_the_units(tmp_path):
    """`systemd-analyze verify` on copies with this checkout's paths (and no gobroad user)."""
    env_file = tmp_path / "gobroad.env"
    env_file.write_text("")
    copies = []
    for unit in SERVICES + TIMERS:
        lines = []
        for line in unit.read_text().splitlines():
            if line.startswith(("User=", "Group=")):
                continue
            if line.startswith("EnvironmentFile="):
                line = f"EnvironmentFile={env_file}"
            lines.append(line.replace(APP_DIR, str(ROOT)))
        copy = tmp_path / unit.name
        copy.write_text("\n".join(lines) + "\n")
        copies.append(copy)
    instances = [tmp_path / read_unit(timer)["Timer"]["Unit"][0] for timer in TIMERS]
    result = subprocess.run(["systemd-analyze", "verify", *map(str, copies + instances)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    # Warnings (an unknown key, a bad value) do not fail verify, but mean a setting is ignored.
    assert not [line for line in said.splitlines() if str(tmp_path) in line or "gobroad" in line], said

