"""End to end under scrapyd, as an office runs it: the project deployed as an egg with scrapyd-deploy,
probe, gov and newmedia scheduled for a region BY NAME through schedule.json with one GOVCRAWL_HOME,
and both annexes and the probe samples found in the region's one database under that home. A job
that cannot start is shown as failed: its log says why and scrapyd logs the non-zero exit status. The
annex step is a job too (the ``annex`` spider): while a worker of the run is still running it writes
nothing, names the worker and fails; a job whose annex could not be written fails and says so on the run.

scrapyd (installed with the dev extras) is started by the test on 127.0.0.1:6833 from this venv, so
its jobs have the project's dependencies; fixture servers on 127.0.1.90 (site) and 127.0.1.91 (feed).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govcrawl.devtools.devserver import SiteServer
from tests.conftest import NO_PUBLIC_CANARY

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCRAPYD = "http://127.0.0.1:6833"
AS_OF = "2026-09-30"
SITE_HOST, FEED_HOST, PORT = "127.0.1.90", "127.0.1.91", 8790
REGION = f"""[region]
code = "opsland"
name = "运维县"

[[sites]]
name = "运维县人民政府"
url = "http://{SITE_HOST}:{PORT}/"
site_code = "4100000090"
owner = "运维县人民政府办公室"

[[accounts]]
name = "运维发布"
platform = "微信"
owner = "运维县人民政府办公室"
feed = "http://{FEED_HOST}:{PORT}/rss_clean.xml"
interaction = false
"""


def _api(path: str, data: dict[str, Any] | list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{SCRAPYD}/{path}", data=body, timeout=30) as answer:
        result: dict[str, Any] = json.loads(answer.read())
    return result


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A scrapyd on 127.0.0.1:6833 with the project deployed as an egg; yields scrapyd's folder."""
    folder = tmp_path_factory.mktemp("scrapyd")
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = 6833\neggs_dir = eggs\nlogs_dir = logs\nitems_dir =\n"
        "dbs_dir = dbs\nmax_proc = 2\npoll_interval = 0.5\n", encoding="utf-8")
    log = (folder / "scrapyd.log").open("w")
    process = subprocess.Popen([str(BIN / "scrapyd")], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(60):
            try:
                _api("daemonstatus.json")
                break
            except OSError:
                time.sleep(0.5)
        # deploy from a copy, as scrapyd-deploy leaves setup.py, build/ and *.egg-info where it runs
        project = folder / "project"
        shutil.copytree(REPO / "govcrawl", project / "govcrawl", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(REPO / "pyproject.toml", project)
        (project / "scrapy.cfg").write_text(
            f"[settings]\ndefault = govcrawl.settings\n\n[deploy:e2e]\nurl = {SCRAPYD}/\nproject = govcrawl\n",
            encoding="utf-8")
        deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "e2e"], cwd=project, capture_output=True,
                                  text=True, timeout=180)
        assert deployed.returncode == 0 and '"status": "ok"' in deployed.stdout + deployed.stderr, deployed.stderr
        yield folder
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _schedule(spider: str, region: str, home: Path) -> str:
    settings = [f"GOVCRAWL_HOME={home}", "GOVCRAWL_ALLOW_PRIVATE=True", NO_PUBLIC_CANARY, "GOVCRAWL_SCREENSHOTS=False",
                "GOVCRAWL_RETRY_BACKOFF_BASE=0.05", "LOG_LEVEL=INFO"]
    data = [("project", "govcrawl"), ("spider", spider), ("region", region), ("as_of", AS_OF),
            *(("setting", s) for s in settings)]
    answer = _api("schedule.json", data)
    assert answer["status"] == "ok", answer
    return str(answer["jobid"])


def _wait(jobs: list[str], timeout: float = 400) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = {job["id"] for job in _api("listjobs.json?project=govcrawl")["finished"]}
        if set(jobs) <= finished:
            return
        time.sleep(1)
    raise AssertionError(f"jobs not finished after {timeout} s: {set(jobs) - finished}")


@pytest.mark.timeout(600)
def test_probe_gov_newmedia_by_name_share_one_home(scrapyd: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "regions").mkdir(parents=True)
    (home / "regions" / "opsland.toml").write_text(REGION, encoding="utf-8")
    with SiteServer(REPO / "tests" / "sites" / "clean_div", SITE_HOST, PORT), \
            SiteServer(REPO / "tests" / "feeds", FEED_HOST, PORT):
        probes = [_schedule("probe", "opsland", home) for _ in range(2)]
        _wait(probes)
        crawls = [_schedule("gov", "opsland", home), _schedule("newmedia", "opsland", home)]
        _wait(crawls)
    logs = {job: next((scrapyd / "logs" / "govcrawl").glob(f"*/{job}.log")).read_text() for job in probes + crawls}
    folder = home / "opsland"
    assert (folder / f"附件1-运维县政府网站问题情况-{AS_OF}.xlsx").is_file(), logs[crawls[0]][-3000:]
    assert (folder / f"附件2-运维县政务新媒体问题情况-{AS_OF}.xlsx").is_file(), logs[crawls[1]][-3000:]
    assert "progress: sites 1/1 done" in logs[crawls[0]]
    with sqlite3.connect(folder / "govcrawl.sqlite") as db:
        spiders = dict(db.execute("select spider, count(*) from runs group by spider").fetchall())
        samples = db.execute("select count(*) from samples where site = '4100000090'").fetchone()[0]
    assert spiders == {"probe": 1, "gov": 1, "newmedia": 1}  # one run per (region, spider, as_of)
    assert samples >= 2  # one per probe job at least, all in the one database


@pytest.mark.timeout(300)
def test_a_job_that_cannot_start_is_shown_failed(scrapyd: Path, tmp_path: Path) -> None:
    job = _schedule("gov", "nowhere", tmp_path / "home")
    _wait([job])
    log = next((scrapyd / "logs" / "govcrawl").glob(f"*/{job}.log")).read_text()
    assert "gov: cannot start:" in log and "no region file" in log
    daemon = (scrapyd / "scrapyd.log").read_text()
    assert any("Process died: exitstatus=" in line and job in line for line in daemon.splitlines())


def _job_log(scrapyd: Path, job: str) -> str:
    return next((scrapyd / "logs" / "govcrawl").glob(f"*/{job}.log")).read_text()


def _exit_line(scrapyd: Path, job: str) -> str:
    return next(line for line in (scrapyd / "scrapyd.log").read_text().splitlines()
                if job in line and ("Process died" in line or "Process finished" in line))


@pytest.mark.timeout(600)
def test_the_annex_step_is_a_job_that_waits_for_the_workers(scrapyd: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "regions").mkdir(parents=True)
    (home / "regions" / "opsland.toml").write_text(REGION, encoding="utf-8")
    folder = home / "opsland"
    annex = folder / f"附件1-运维县政府网站问题情况-{AS_OF}.xlsx"
    annex.mkdir(parents=True)  # stands where the workbook goes: writing it fails (root ignores permissions)
    with SiteServer(REPO / "tests" / "sites" / "clean_div", SITE_HOST, PORT):
        crawl = _schedule("gov", "opsland", home)
        _wait([crawl])
    # a job whose annex was not written is shown failed: log line, exit status, run status
    assert "NOT written" in _job_log(scrapyd, crawl) and not annex.is_file()
    assert "Process died: exitstatus=1" in _exit_line(scrapyd, crawl)
    with sqlite3.connect(folder / "govcrawl.sqlite") as db:
        run_id, status, incomplete = db.execute(
            "select id, status, incomplete from runs where spider = 'gov'").fetchone()
        workers = db.execute("select name, reason from run_workers where run_id = ?", (run_id,)).fetchall()
    assert status == "finished" and incomplete.startswith("附件未写出")
    assert len(workers) == 1 and f"job {crawl}" in workers[0][0] and workers[0][1] == "finished"
    annex.rmdir()
    # another worker of the run still at work: the annex job writes nothing and names it
    with sqlite3.connect(folder / "govcrawl.sqlite") as db:
        db.execute("insert into run_workers (run_id, name, host, pid, started_at, seen_at, reason) values "
                   "(?, 'other-host pid 4242 job w2', 'other-host', 4242, datetime('now', 'localtime'), "
                   "datetime('now', 'localtime'), '')", (run_id,))
    refused = _schedule("annex", "opsland", home)
    _wait([refused])
    log = _job_log(scrapyd, refused)
    assert "still running: other-host pid 4242 job w2" in log and "annex_not_written" in log
    assert "Process died: exitstatus=1" in _exit_line(scrapyd, refused) and not annex.exists()
    with sqlite3.connect(folder / "govcrawl.sqlite") as db:
        db.execute("update run_workers set finished_at = seen_at, reason = 'finished' where name like 'other-host%'")
    written = _schedule("annex", "opsland", home)
    _wait([written])
    assert annex.is_file() and str(annex) in _job_log(scrapyd, written)
    assert "Process finished" in _exit_line(scrapyd, written)
    with sqlite3.connect(folder / "govcrawl.sqlite") as db:
        assert db.execute("select incomplete from runs where id = ?", (run_id,)).fetchone() == ("",)
