from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def create(db: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SMALLBALL_DATABASE_URL": f"sqlite:///{db}", "SMALLBALL_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "smallball", "user", "create", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_first_organiser_is_created_and_duplicates_refused(tmp_path: Path) -> None:
    db = tmp_path / "users.sqlite3"
    args = ["--email", "host@example.org", "--name", "Host", "--password", "ping-pong-1971"]
    done = create(db, *args)
    assert done.returncode == 0, done.stderr
    assert "host@example.org" in done.stdout and "administrator" in done.stdout
    again = create(db, *args)
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [
        "error: email: an account for host@example.org exists already"
    ]


def test_bad_fields_are_named(tmp_path: Path) -> None:
    done = create(tmp_path / "u.sqlite3", "--email", "a@b.org", "--name", "A", "--password", "x")
    assert done.returncode == 2
    assert done.stderr.startswith("error: password:")
    done = create(
        tmp_path / "u.sqlite3", "--email", "nope", "--name", "A", "--password", "12345678"
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: email:")


def test_the_account_is_made_and_refused_in_chinese(tmp_path: Path) -> None:
    db = tmp_path / "users.sqlite3"
    args = ["--email", "host@example.org", "--name", "Host", "--password", "ping-pong-1971"]
    done = create(db, *args, lang="zh_CN")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "已创建用户 1 <host@example.org>（管理员）"
    again = create(db, *args, lang="zh_CN")
    assert again.returncode == 2
    line = again.stderr.strip()
    assert line.startswith("错误: email: ") and "host@example.org" in line
    assert "exists" not in line
