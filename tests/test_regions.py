"""Region files: the contract of DESIGN.md, and errors that name the line, entry and field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govcrawl.config import threshold_defaults
from govcrawl.home import govcrawl_home, region_search_path
from govcrawl.model.conf import build_conf
from govcrawl.regions import RegionError, load_region, resolve_path

GOOD = """\
[region]
code = "xuchang"
name = "许昌市"

[thresholds]
home_stale_days = 7
GOVCRAWL_STALE_DAYS = { news = 10 }

[[sites]]
name = "许昌市人民政府"
url = "https://www.xuchang.gov.cn/"
site_code = "4110000001"
owner = "许昌市人民政府办公室"

[[sites]]
name = "许昌市发展和改革委员会"
url = "https://fgw.xuchang.gov.cn/"
site_code = "4110000002"
owner = "许昌市发展和改革委员会"
max_pages = 300
render = "never"
hosts = ["fgw2.xuchang.gov.cn"]
[sites.thresholds]
max_depth = 4

[[accounts]]
name = "许昌发布"
platform = "微信"
owner = "许昌市委宣传部"
feed = "https://feeds.example.gov.cn/xcfb.xml"
interaction = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(RegionError) as info:
        load_region(write(tmp_path, text))
    return info.value.problems


def test_good_region_loads_with_thresholds(tmp_path: Path) -> None:
    region = load_region(write(tmp_path, GOOD))
    assert region.code == "xuchang" and region.name == "许昌市"
    assert [s.site_code for s in region.sites] == ["4110000001", "4110000002"]
    fgw = region.site("4110000002")
    assert fgw.max_pages == 300 and fgw.render == "never"
    assert fgw.all_hosts == ("fgw.xuchang.gov.cn", "fgw2.xuchang.gov.cn")
    assert fgw.thresholds == {"GOVCRAWL_MAX_DEPTH": 4}
    assert region.thresholds["GOVCRAWL_HOME_STALE_DAYS"] == 7
    # a partial table override keeps the other classes' defaults
    assert region.thresholds["GOVCRAWL_STALE_DAYS"] == {"news": 10, "notice": 183, "plan": 365}
    assert region.accounts[0].interaction is True


def test_name_resolves_under_regions_dir(tmp_path: Path) -> None:
    (tmp_path / "xuchang.toml").write_text(GOOD, encoding="utf-8")
    assert resolve_path("xuchang", tmp_path) == tmp_path / "xuchang.toml"
    assert load_region("xuchang", tmp_path).code == "xuchang"


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RegionError, match="no region file"):
        load_region("nowhere", tmp_path)


def test_missing_url_names_line_entry_and_field(tmp_path: Path) -> None:
    text = GOOD.replace('url = "https://fgw.xuchang.gov.cn/"\n', "")
    found = problems(tmp_path, text)
    assert len(found) == 1
    assert "[[sites]] #2 (许昌市发展和改革委员会)" in found[0]
    assert "missing required field 'url'" in found[0]
    assert found[0].startswith("line 15,")  # the [[sites]] header of that entry


def test_bad_site_code_names_its_line(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('"4110000002"', '"41100-0002"'))
    assert found == ["line 18, [[sites]] #2 (许昌市发展和改革委员会), field 'site_code': "
                     "网站标识码 must be 10 digits or 'bm' + 8 digits, not '41100-0002'"]


def test_bm_site_code_is_accepted(tmp_path: Path) -> None:
    region = load_region(write(tmp_path, GOOD.replace('"4110000002"', '"bm12000001"')))
    assert region.sites[1].site_code == "bm12000001"


def test_duplicate_site(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('"4110000002"', '"4110000001"'))
    assert any("duplicate site" in p and "#1" in p and "line 18" in p for p in found)
    found = problems(tmp_path, GOOD.replace("https://fgw.xuchang.gov.cn/", "https://www.xuchang.gov.cn"))
    assert any("duplicate site: url" in p for p in found)


def test_unknown_key_and_wrong_type_are_all_reported(tmp_path: Path) -> None:
    text = GOOD.replace("max_pages = 300", 'max_pages = "300"\ncolour = "red"')
    found = problems(tmp_path, text)
    assert any("field 'max_pages': must be an integer" in p and p.startswith("line 20,") for p in found)
    assert any("field 'colour': unknown key" in p and p.startswith("line 21,") for p in found)


def test_bad_threshold_override(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("home_stale_days = 7", "home_stale_dayz = 7"))
    assert any("[thresholds], field 'home_stale_dayz': unknown threshold" in p for p in found)
    found = problems(tmp_path, GOOD.replace("home_stale_days = 7", 'home_stale_days = "7"'))
    assert any("must be an integer" in p for p in found)
    found = problems(tmp_path, GOOD.replace("{ news = 10 }", "{ sports = 10 }"))
    assert any("unknown keys sports" in p for p in found)


def test_render_mode_and_url_scheme(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('render = "never"', 'render = "sometimes"').replace(
        "https://www.xuchang.gov.cn/", "ftp://www.xuchang.gov.cn/"))
    assert any("field 'render': must be one of auto, always, never" in p for p in found)
    assert any("field 'url': must be an http(s) URL" in p for p in found)


def test_account_fields(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("interaction = true", 'interaction = "yes"'))
    assert any("[[accounts]] #1 (许昌发布), field 'interaction': must be true or false" in p for p in found)


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('name = "许昌市"', 'name = 许昌市'))
    assert "not valid TOML" in found[0] and "line 3" in found[0]


def test_empty_region_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, '[region]\ncode = "x"\nname = "X"\n')
    assert "lists no [[sites]] and no [[accounts]]" in found[0]


def test_a_folder_of_the_same_name_does_not_shadow_the_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "demo.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "demo").mkdir()  # the bundled demo/ folder sits beside regions/
    monkeypatch.setenv("GOVCRAWL_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert load_region("demo").code == "xuchang"


def test_a_name_resolves_under_govcrawl_home_whatever_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "regions").mkdir(parents=True)
    (home / "regions" / "xuchang.toml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # like scrapyd: a working folder with no regions/ and no scrapy.cfg
    monkeypatch.setenv("GOVCRAWL_HOME", str(home))
    assert load_region("xuchang").path == home / "regions" / "xuchang.toml"
    # the setting wins over the environment (scrapyd passes it per job with -d setting=...)
    monkeypatch.setenv("GOVCRAWL_HOME", str(tmp_path / "elsewhere"))
    assert load_region("xuchang", region_search_path({"GOVCRAWL_HOME": str(home)})).code == "xuchang"
    with pytest.raises(RegionError, match=r"elsewhere/regions/xuchang\.toml"):
        load_region("xuchang")


def test_bundled_regions_resolve_by_name_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVCRAWL_HOME", str(tmp_path))
    assert load_region("demo").code == "demo"
    # a region in GOVCRAWL_HOME/regions takes the bundled one's place
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "demo.toml").write_text(GOOD, encoding="utf-8")
    assert load_region("demo").code == "xuchang"


def test_govcrawl_home_defaults_to_output_beside_scrapy_cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVCRAWL_HOME", raising=False)
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = govcrawl.settings\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert govcrawl_home() == tmp_path.resolve() / "output"
    assert govcrawl_home({"GOVCRAWL_HOME": "relative"}) == (tmp_path / "sub" / "relative").resolve()


def test_process_wide_settings_are_refused_with_the_other_mistakes(tmp_path: Path) -> None:
    text = GOOD.replace("home_stale_days = 7", "home_stale_days = 7\nallow_private = true") \
               .replace("max_depth = 4", "max_depth = 4\nGOVCRAWL_CHECK_LINKS = false\nmax_dept = 3")
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert found[0].startswith("line 7, [thresholds], field 'allow_private': GOVCRAWL_ALLOW_PRIVATE is a process-wide")
    assert "-s GOVCRAWL_ALLOW_PRIVATE=VALUE" in found[0]
    assert found[1].startswith("line 26, [[sites]] #2 (许昌市发展和改革委员会), field 'GOVCRAWL_CHECK_LINKS': "
                               "GOVCRAWL_CHECK_LINKS is a process-wide setting")
    assert found[2].startswith("line 27, [[sites]] #2") and "max_dept" in found[2] and "unknown threshold" in found[2]


def _other_value(default: Any) -> Any:
    """A value of the default's type that differs from it."""
    if isinstance(default, bool):
        return not default
    if isinstance(default, int | float):
        return default + 3
    if isinstance(default, str):
        return default + "x"
    if isinstance(default, list):
        return [*default, "extra"]
    first = next(iter(default))
    return {first: _other_value(default[first])}


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


@pytest.mark.parametrize("level", ["region", "site"])
def test_every_per_site_threshold_set_by_a_region_is_what_the_rules_see(tmp_path: Path, level: str) -> None:
    defaults = threshold_defaults()
    chosen = {name: _other_value(default) for name, default in defaults.items()}
    table = "\n".join(f"{name} = {_toml(value)}" for name, value in chosen.items())
    region_table = 'home_stale_days = 7\nGOVCRAWL_STALE_DAYS = { news = 10 }'
    if level == "region":  # the first site has no thresholds of its own
        text, code = GOOD.replace(region_table, table), "4110000001"
    else:  # the second site's own values win over the region's
        text, code = GOOD.replace("max_depth = 4", table), "4110000002"
    region = load_region(write(tmp_path, text))
    site = region.site(code)
    conf = build_conf({"GOVCRAWL_HOME_STALE_DAYS": 99}, region, site, date(2026, 9, 30))
    for name, value in chosen.items():
        expected = {**defaults[name], **value} if isinstance(value, dict) else value
        assert conf[name] == expected, name


def test_bonus_is_off_by_default_and_read_from_its_table(tmp_path: Path) -> None:
    assert load_region(write(tmp_path, GOOD)).bonus == {}
    region = load_region(write(tmp_path, GOOD + '\n[bonus]\n"4110000001" = 5\n"许昌发布" = 2.5\n'))
    assert region.bonus == {"4110000001": 5.0, "许昌发布": 2.5}
    assert region.basis == region.requirements == ""


def test_bonus_names_known_units_with_points(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD + '\n[bonus]\n"4119999999" = 5\n"4110000002" = "many"\n"许昌发布" = -1\n')
    assert len(found) == 3
    assert "'4119999999' is no site_code or account name of this region" in found[0]
    assert "points must be a number ≥ 0, not 'many'" in found[1] and "not -1" in found[2]


def test_the_circular_texts_come_from_the_region_table(tmp_path: Path) -> None:
    extra = 'basis = "《许昌市管理办法》"\nrequirements = "一是整改。"\n'
    text = GOOD.replace('name = "许昌市"\n', 'name = "许昌市"\n' + extra, 1)
    region = load_region(write(tmp_path, text))
    assert (region.basis, region.requirements) == ("《许昌市管理办法》", "一是整改。")
