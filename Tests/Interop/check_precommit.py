#!/usr/bin/env python3
"""descent's pre-commit hook (.pre-commit-hooks.yaml) in a throwaway course repository, run by
`pre-commit try-repo` as a course's maintainer would: fresh outputs pass, a stale GIF fails
the hook and names itself, and refreshing with --changed makes it pass again.

Usage: check_precommit.py PATH/TO/descent   (prints 'N passed, N failed'; exit 1 on failure)
"""
import os
import subprocess
import sys
import tempfile

descent = os.path.abspath(sys.argv[1])
repository = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
work = tempfile.mkdtemp(prefix="descent-precommit-")
environment = dict(os.environ, PATH=os.path.dirname(descent) + os.pathsep + os.environ["PATH"],
                   PRE_COMMIT_HOME=os.path.join(work, "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
results = []


def run(*command, cwd=None):
    return subprocess.run(command, cwd=cwd or course, env=environment, capture_output=True, text=True)


def check(name, ok, detail=""):
    results.append((name + (f" ({detail})" if detail and not ok else ""), bool(ok)))


course = os.path.join(work, "course")
os.makedirs(os.path.join(course, "lessons"))
for k in (1, 2):
    with open(os.path.join(course, "lessons", f"week{k}.yaml"), "w") as f:
        f.write(f"w0: {3 + k}\nepochs: 1\nsize: 400x400\noutput: ../site/week{k}.gif\n")
run("git", "init", "-q")
subprocess.run([descent, "render", "-q", "lessons"], cwd=course, check=True)
run("git", "add", "-A")
run("git", "commit", "-q", "-m", "a course")

fresh = run("pre-commit", "try-repo", repository, "descent-check", "--all-files")
check("fresh outputs pass the hook", fresh.returncode == 0, fresh.stdout + fresh.stderr)
with open(os.path.join(course, "lessons", "week2.yaml"), "a") as f:
    f.write("lr: 0.05\n")
stale = run("pre-commit", "try-repo", repository, "descent-check", "--all-files")
check("a stale GIF fails the hook", stale.returncode != 0)
check("the hook names the stale GIF", "stale: lessons/../site/week2.gif" in stale.stdout or "site/week2.gif" in stale.stdout,
      stale.stdout)
subprocess.run([descent, "render", "-q", "lessons", "--changed"], cwd=course, check=True)
again = run("pre-commit", "try-repo", repository, "descent-check", "--all-files")
check("refreshed with --changed, it passes again", again.returncode == 0, again.stdout + again.stderr)

for name, ok in results:
    print(("ok   " if ok else "FAIL ") + name)
failed = sum(1 for _, ok in results if not ok)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
