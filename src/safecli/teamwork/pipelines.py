"""CI pipelines for a case book's own repository, one per git host.

Each runs `safecli validate` on every push and merge (pull) request, with the
findings shown the way the host shows them (GitLab's Code Quality report,
GitHub's annotations; Forgejo and Gitea show the log), and on a schedule mails
each agency its own digest (`overdue --mail-dir`, then `sendmail -t` through
msmtp, set up from a secret the team adds). The files are data: `write` puts
one in place and never overwrites a pipeline the team already has.
"""

from __future__ import annotations

from pathlib import Path

from safecli.errors import FileFormatError, InvalidInput
from safecli.store import atomic

HOSTS = ("gitlab", "github", "forgejo")

_INSTALL = 'pip install --quiet "$SAFECLI_INSTALL"'
_MSMTP = "umask 077 && printf '%s\\n' \"$MSMTPRC\" > ~/.msmtprc"

GITLAB = f"""\
---
# safecli: check the case book on every push and merge request, and mail each
# agency its own digest from a pipeline schedule (CI/CD > Schedules, e.g.
# "30 6 * * 1-5"). Settings (CI/CD > Variables): SAFECLI_MAIL_FROM, the
# digest's sender; MSMTPRC, a variable of type File holding the msmtp
# settings of your mail relay.
# See docs/teamwork.md of safecli.
variables:
  # a released safecli, or git+https://your.git.host/mirror/safecli@COMMIT
  SAFECLI_INSTALL: "safecli"

default:
  image: python:3.12-slim
  before_script:
    - {_INSTALL}

validate:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_PIPELINE_SOURCE == "push"
  script:
    - safecli validate --format gitlab > gl-code-quality.json || failed=1
    - safecli validate
    - test -z "$failed"
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json

digest:
  stage: deploy
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
  script:
    - apt-get update -qq && apt-get install -y -qq msmtp-mta > /dev/null
    - install -m 600 "$MSMTPRC" ~/.msmtprc
    - safecli overdue --mail-dir outbox --from "$SAFECLI_MAIL_FROM"
    - |
      for m in outbox/*.eml; do
        if [ -e "$m" ]; then sendmail -t < "$m"; fi
      done
"""


# GitHub's runners have setup-python and sudo; a Forgejo or Gitea runner's default
# image (Debian, as root) has python3: safecli goes into a virtualenv on the PATH.
_GITHUB_INSTALL = f"""\
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: {_INSTALL}
"""
_FORGEJO_INSTALL = """\
      - run: apt-get update -qq && apt-get install -y -qq python3-venv msmtp-mta
      - run: python3 -m venv ~/safecli && echo ~/safecli/bin >> "$GITHUB_PATH"
      - run: ~/safecli/bin/pip install --quiet "$SAFECLI_INSTALL"
"""


_HEADS = {
    "github": """\
# safecli: check the case book on every push and pull request, and mail each
# agency its own digest on weekday mornings (cron times are UTC). Settings >
# Secrets and variables > Actions: the variable SAFECLI_MAIL_FROM (the
# digest's sender) and the secret MSMTPRC (msmtp settings of your mail relay).""",
    "forgejo": """\
# safecli: check the case book on every push and pull request, and mail each
# agency its own digest on weekday mornings (cron times are UTC). Repository
# Settings > Actions: the variable SAFECLI_MAIL_FROM (the digest's sender) and
# the secret MSMTPRC (msmtp settings of your mail relay). For Gitea, put this
# file in .gitea/workflows/.""",
}


def _actions(host: str, runner: str, fmt: str, install: str, msmtp: str) -> str:
    return f"""\
---
{_HEADS[host]}
# See docs/teamwork.md of safecli.
name: safecli
"on":
  push:
  pull_request:
  schedule:
    - cron: "30 6 * * 1-5"
permissions:
  contents: read
env:
  # a released safecli, or git+https://your.git.host/mirror/safecli@COMMIT
  SAFECLI_INSTALL: safecli
jobs:
  validate:
    if: github.event_name != 'schedule'
    runs-on: {runner}
    steps:
      - uses: actions/checkout@v4
{install}      - run: safecli validate --format {fmt}
  digest:
    if: github.event_name == 'schedule'
    runs-on: {runner}
    steps:
      - uses: actions/checkout@v4
{install}{msmtp}      - run: {_MSMTP}
        env:
          MSMTPRC: ${{{{ secrets.MSMTPRC }}}}
      - run: safecli overdue --mail-dir outbox --from "$SAFECLI_MAIL_FROM"
        env:
          SAFECLI_MAIL_FROM: ${{{{ vars.SAFECLI_MAIL_FROM }}}}
      - run: |
          for m in outbox/*.eml; do
            if [ -e "$m" ]; then sendmail -t < "$m"; fi
          done
"""


PIPELINES = {
    "gitlab": (Path(".gitlab-ci.yml"), GITLAB),
    "github": (
        Path(".github/workflows/safecli.yml"),
        _actions(
            "github",
            "ubuntu-latest",
            "github",
            _GITHUB_INSTALL,
            "      - run: sudo apt-get update -qq && sudo apt-get install -y -qq msmtp-mta\n",
        ),
    ),
    "forgejo": (
        Path(".forgejo/workflows/safecli.yml"),
        _actions("forgejo", "docker", "text", _FORGEJO_INSTALL, ""),
    ),
}


def pipeline(host: str) -> tuple[Path, str]:
    """(path in the repository, text) of the pipeline for a host."""
    if host not in PIPELINES:
        raise InvalidInput(f"unknown git host {host!r}; choose one of: {', '.join(HOSTS)}")
    return PIPELINES[host]


def target(root: Path, host: str) -> Path:
    """Where the host's pipeline goes in the book at root; refused if one is there."""
    path = root / pipeline(host)[0]
    if path.exists():
        raise FileFormatError(
            "a pipeline is already there; not overwriting it (compare it with "
            f"`safecli ci show --host {host}`)",
            path=path,
        )
    return path


def write(root: Path, host: str) -> Path:
    """Write the host's pipeline into the book at root; refuse to overwrite one."""
    relative, text = pipeline(host)
    path = target(root, host)
    for folder in reversed(relative.parents[:-1]):
        if not (root / folder).exists():
            atomic.make_private_dir(root / folder)
    atomic.write_atomic(path, text)
    return path
