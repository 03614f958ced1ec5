"""Week plan: every interval sized as the staffing calculator sizes it; the week's totals by hand."""
from __future__ import annotations

import csv
import io

import pytest

import calculators
from calculators import staffing

SETTINGS = {"aht_seconds": 180, "service_level_percent": 80, "answer_seconds": 20, "max_occupancy_percent": 85,
            "shrinkage_percent": 30}
HAND_WEEK = "day,start,contacts\nMon,09:00,100\nMon,09:30,50\nMon,10:00,0\n"


def run(volumes: str, **inputs):
    return calculators.run("week_plan", {"volumes": volumes, **SETTINGS, **inputs})


def test_hand_worked_week():
    # 100 contacts: staffing's published case, 10 erlangs -> 14 agents.
    # 50 contacts: 5 erlangs; the 85% cap needs at least 6 (5 / 0.85 = 5.9);
    #   N=6: C=0.588, SL = 1 - 0.588·e^(-1·20/180) = 47.4%; N=7: SL = 1 - 0.324·e^(-2/9) = 74.0%;
    #   N=8: SL = 1 - 0.167·e^(-3/9) = 88.0% -> 8 agents. 0 contacts -> 0 agents.
    out = run(HAND_WEEK)["outputs"]
    assert [(i["day"], i["start"], i["agents"]) for i in out["intervals"]] == [
        ("Mon", "09:00", 14), ("Mon", "09:30", 8), ("Mon", "10:00", 0)]
    assert out["peak_agents"] == 14
    assert out["agent_hours"] == pytest.approx(11.0)  # (14 + 8 + 0) × 0.5 h
    assert out["fte"] == pytest.approx(11 / 0.7 / 40)  # 0.393
    assert out["peak_agent_hours"] == pytest.approx(14.0)  # 14 agents × 0.5 h × 2 open intervals
    assert round(out["intervals"][1]["service_level_percent"], 1) == 88.0
    assert out["intervals"][2]["service_level_percent"] is None


@pytest.mark.parametrize("extra", [{}, {"patience_seconds": 300}, {"concurrency": 2, "aht_seconds": 360},
                                   {"interval_minutes": 15, "max_occupancy_percent": 70}])
def test_each_interval_equals_staffing(extra):
    week = "day\tstart\tcontacts\n" + "\n".join(
        f"{day}\t{hour:02d}:00\t{count}" for day, hour, count in
        [("Mon", 8, 3), ("Mon", 9, 17), ("Tue", 9, 42.5), ("Wed", 12, 230), ("Sat", 10, 1), ("Sun", 23, 7)])
    out = run(week, **extra)["outputs"]
    for interval in out["intervals"]:
        alone = calculators.run("staffing", {"contacts": interval["contacts"], **SETTINGS, **extra})["outputs"]
        assert interval["agents"] == alone["agents"], interval
        assert interval["service_level_percent"] == alone["service_level_percent"]
        assert interval["occupancy_percent"] == alone["occupancy_percent"]


def test_two_week_export_is_averaged_per_weekday():
    # 2026-03-02 is a Monday; the file runs Mon 2 to Sun 15 March: every weekday occurs twice.
    # Mon 09:00-09:29 holds 3 + 1 contacts -> 4 / 2 = 2 a week; Sun 15 at 14:10 -> 1 / 2 = 0.5.
    rows = ["2026-03-02 09:05", "2026-03-02 09:10", "2026-03-02 09:29:59", "2026-03-09 09:00", "2026-03-15 14:10"]
    out = run("created_at\n" + "\n".join(rows))["outputs"]
    by = {(i["day"], i["start"]): i["contacts"] for i in out["intervals"]}
    assert len(out["intervals"]) == 7 * 48  # every interval of the average week
    assert by[("Mon", "09:00")] == 2
    assert by[("Sun", "14:00")] == 0.5
    assert sum(by.values()) == pytest.approx(2.5)  # 5 contacts over two weeks
    assert (out["first_day"], out["last_day"], out["rows_read"]) == ("2026-03-02", "2026-03-15", 5)


def test_partial_weeks_divide_by_the_weekdays_in_the_range():
    # Mon 2 to Wed 11 March: Mon, Tue, Wed occur twice, Thu to Sun once.
    out = run("Created at\n2026-03-02 10:00\n2026-03-05 10:00\n2026-03-11 10:00")["outputs"]
    by = {(i["day"], i["start"]): i["contacts"] for i in out["intervals"]}
    assert by[("Mon", "10:00")] == 0.5 and by[("Thu", "10:00")] == 1 and by[("Wed", "10:00")] == 0.5


def test_utc_export_moves_to_the_team_zone_across_the_spring_change():
    # Paris moves from UTC+1 to UTC+2 at 01:00 UTC on Sunday 29 March 2026.
    # 00:30Z -> 01:30 local; 01:30Z -> 03:30 local (02:xx does not exist that night).
    text = "created_at\n2026-03-29T00:30:00Z\n2026-03-29T01:30:00Z\n2026-03-29T12:00:00+00:00\n"
    out = run(text, time_zone="Europe/Paris")["outputs"]
    open_ = [(i["day"], i["start"]) for i in out["intervals"] if i["contacts"]]
    assert open_ == [("Sun", "01:30"), ("Sun", "03:30"), ("Sun", "14:00")]
    assert out["time_zone"] == "Europe/Paris"


def test_autumn_change_in_new_york():
    # New York leaves daylight time at 06:00 UTC on Sunday 1 November 2026 (02:00 EDT -> 01:00 EST):
    # 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST: both land in the 01:30 interval.
    out = run("Created at\n2026-11-01T05:30:00Z\n2026-11-01T06:30:00Z", time_zone="america/new_york")["outputs"]
    assert [(i["day"], i["start"], i["contacts"]) for i in out["intervals"] if i["contacts"]] == [("Sun", "01:30", 2)]


def test_times_without_a_zone_are_the_team_clock():
    out = run("Created at\n2026-03-29 00:30", time_zone="Asia/Tokyo")["outputs"]
    assert [(i["day"], i["start"]) for i in out["intervals"] if i["contacts"]] == [("Sun", "00:30")]


@pytest.mark.parametrize("stamp, read_as", [
    ("2026-03-02T09:15:00.123+01:00", "ISO 8601"),
    ("03/16/2026 9:15 PM", "MM/DD/YYYY"),
    ("16/03/2026 21:15", "DD/MM/YYYY"),
    ("16.03.2026 21:15", "DD.MM.YYYY"),
    ("Mar 16, 2026 9:15 PM", "Mon D, YYYY"),
    ("16 Mar 2026 21:15", "D Mon YYYY"),
    ("2026/03/16 21:15", "YYYY/MM/DD"),
    ("1773695700", "Unix time"),  # 2026-03-16 21:15:00 UTC
])
def test_export_time_formats_are_named(stamp, read_as):
    out = run(f'"Date/Time Opened"\n"{stamp}"')["outputs"]
    assert out["time_format"].startswith(read_as)
    assert out["columns_read"] == ["Date/Time Opened"]


def test_helpdesk_header_names_are_recognized():
    for header in ("Created at", "created_at", "Created time", "Create date", "CREATED", "opened_at"):
        assert run(f"Ticket ID,{header},Subject\n1,2026-03-02 09:00,Hi")["ok"], header


def test_semicolon_table_with_synonyms():
    # 12 calls × 180 s / 1800 s = 1.2 erlangs. N=2: B=0.2466, C=0.450, SL = 1 − 0.450·e^(−0.8·20/180) = 58.8%;
    # N=3: B=0.0898, C=0.1412, SL = 1 − 0.1412·e^(−1.8·20/180) = 88.4% -> 3 agents, occupancy 1.2 / 3 = 40%.
    out = run("Weekday;Interval;Calls offered\nmonday;09:00 - 09:30;12\n")["outputs"]
    [interval] = out["intervals"]
    assert (interval["day"], interval["start"], interval["contacts"], interval["agents"]) == ("Mon", "09:00", 12, 3)
    assert round(interval["service_level_percent"], 1) == 88.4
    assert interval["occupancy_percent"] == pytest.approx(40.0)


@pytest.mark.parametrize("volumes, field, words", [
    ("", "volumes", "is empty"),
    ("   \n\n", "volumes", "empty"),
    ("%PDF-1.7\n%âãÏÓ", "volumes", "PDF"),
    ("PK\x03\x04\x14\x00", "volumes", "zip"),
    ("\ufffdPNG\r\n\x1a\n", "volumes", "image"),
    ("a\x00b\x00c", "volumes", "not text"),
    ("foo,bar\n1,2", "volumes", "No column says"),
    ("day,start,contacts", "volumes", "no rows"),
    ("day,start,contacts\nMon,09:00,-3", "volumes", "negative"),
    ("day,start,contacts\nMon,09:00,many", "volumes", "“many” is not a number"),
    ("day,start,contacts\nMon,09:00,NaN", "volumes", "not a number"),
    ("day,start,contacts\nMon,09:00,5000000", "volumes", "1,000,000"),
    ("day,start,contacts\nFunday,09:00,3", "volumes", "Row 2: “Funday” is not a day"),
    ("day,start,contacts\nMon,24:30,3", "volumes", "not a time of day"),
    ("day,start,contacts\n2026-02-30,09:00,3", "volumes", "not a date that exists"),
    ("day,start,contacts\nMon,09:10,3", "volumes", "does not start a 30-minute interval"),
    ("day,start,contacts\nMon,09:00,3\nmonday,09:00,4", "volumes", "already in row 2"),
    ("day,start,contacts\nMon,09:00,3\n2026-03-03,09:00,4", "volumes", "mixes dates and weekday names"),
    ("day,start,contacts\nMon,09:15,3", "interval_minutes", "set Interval length to 15 minutes"),
    ("day;start;contacts\nMon;09:00;24,75\nMon;09:30;1.5", "volumes", "write every count the same way"),
    ("day,start,contacts\nMon,09:00,\"1,23,4\"", "volumes", "group thousands in threes"),
    ("day,start,contacts\nMon,09:00, - ", "volumes", "Row 2: “-” is not a number of contacts; write 0 for an interval"),
    ("Created at\n2026-03-02T09:00Z\n2026-03-02 10:00", "volumes", "Export every time the same way"),
    ("created_at\n2026-03-02 09:00\n2026-13-02 09:00", "volumes", "Row 3: “2026-13-02 09:00” is not a date"),
    ("created_at\n2026-03-02 09:00\nlast tuesday", "volumes", "Row 3: “last tuesday” is not written like"),
    ("created_at\n2026-03-02 09:00\n03/04/2026 09:00", "volumes", "mixes formats"),
    ("created_at\nsoon", "volumes", "Row 2: “soon” cannot be read"),
    ("created_at\n2026-03-02 09:00\n", "volumes", None),
    ("created_at\n13/03/2026 09:00\n03/14/2026 09:00", "volumes", "mixes date orders"),
    ("created_at\n03/04/2026 09:00", "date_order", "Date order"),
    ("created_at\n2026-03-02 09:00\n\n,", "volumes", None),
    ("created_at,id\n,1", "volumes", "Row 2 has no time"),
    ('created_at\n"2026-03-02 09:00', "volumes", "never closed"),
    ("calls,chats,day,start\n1,2,Mon,09:00", "column", "Several columns could hold the number of contacts"),
    ("Created at,Date created\n2026-03-02 09:00,2026-03-02 09:00", "column", "“Created at”, “Date created”"),
])
def test_bad_input_gets_a_message_on_its_field(volumes, field, words):
    result = run(volumes)
    if words is None:
        assert result["ok"]
        return
    assert not result["ok"]
    assert list(result["errors"]) == [field]
    assert words in result["errors"][field]


def test_a_paste_too_long_names_the_limit():
    result = run("created_at\n" + "2026-03-02 09:00\n" * 200_000)
    assert "2,000,000 characters" in result["errors"]["volumes"]


def test_column_names_a_column_the_table_lacks():
    # Where the table needs a choice, a column it lacks is refused beside Column to read ...
    result = run("calls,chats,day,start\n1,2,Mon,09:00", column="Opened")
    assert result["errors"] == {"column": "There is no column called “Opened”; the columns are “calls”, “chats”, "
                                          "“day”, “start”."}
    # ... where it needs none (the average week a file gave, while Column to read still names
    # the file's column), the table is read and a note says so.
    result = run("Created at\n2026-03-02 09:00", column="Opened")
    assert result["ok"] and result["outputs"]["rows_read"] == 1
    assert ("Column to read says “Opened”, which is not a column of this table; it needed no choice, so “Created at” "
            "were read.") in result["markdown"]


def test_column_picks_one_of_two():
    out = run("calls,chats,day,start\n100,2,Mon,09:00", column="Calls")["outputs"]
    assert out["intervals"][0]["agents"] == 14


def test_unknown_time_zone():
    result = run("Created at\n2026-03-02 09:00Z", time_zone="Mars/Olympus")
    assert "Mars/Olympus" in result["errors"]["time_zone"]


def test_csv_export_never_carries_a_formula():
    # A count column named as a formula: the plan reads it, and no exported cell starts a formula.
    result = run('day,start,"=1+2"\nMon,09:00,100\n"@Tue",09:00,5', column="=1+2")
    assert not result["ok"]  # "@Tue" is not a day
    result = run('day,start,"=1+2"\nMon,09:00,100\nTue,09:00,5', column="=1+2")
    assert result["ok"] and result["outputs"]["columns_read"] == ["day", "start", "=1+2"]
    cells = [cell for row in csv.reader(io.StringIO(result["csv"])) for cell in row]
    assert cells and all(cell[:1] not in ("=", "+", "@") for cell in cells)
    assert all(not (cell[:1] == "-" and not cell[1:2].isdigit()) for cell in cells)
    # The guard itself, on text a person typed (render's CSV writer, used by every export).
    from calculators.core import render
    table = render.table("=cap", ("+h", "-h"), [(render.cell("@x"), render.cell("-3"), render.cell("=1+2"))])
    rows = list(csv.reader(io.StringIO(render.csv(render.Report(summary=(), tables=(table,))))))
    assert rows == [["'=cap"], ["'+h", "'-h"], ["'@x", "-3", "'=1+2"]]


def test_heatmap_has_a_table_and_hover_titles():
    html = run(HAND_WEEK)["html"]
    assert "<title>Mon 09:00: 14 agents for 100 contacts</title>" in html
    assert 'aria-hidden="true"' in html.split('class="calc-heatmap-grid"')[1][:200]
    assert "<caption>Agents needed by start time (rows) and day (columns)</caption>" in html


def test_cost_link_hands_the_fte_and_the_same_work():
    html = run(HAND_WEEK)["html"]
    # FTE 11 / 0.7 / 40 = 0.393; the week's 150 contacts × 52 ÷ 12 = 650 a month; 180 s = 3
    # minutes; occupancy 150 × 3 ÷ 60 = 7.5 handle hours ÷ 11 agent hours = 68.18%; productive
    # hours 40 × 52 ÷ 12 × 0.7 = 121.33.
    assert ('data-site-path="calculators/cost/?cost.staffed_fte=0.39&amp;cost.monthly_tickets=650&amp;'
            'cost.aht_minutes=3&amp;cost.occupancy_percent=68.18&amp;cost.productive_hours_per_fte=121.33"') in html
    assert "It carries 650 contacts a month (the week&#x27;s 150 × 52 ÷ 12)" in html
    landed = calculators.run("cost", {"staffed_fte": 0.39, "monthly_tickets": 650, "aht_minutes": 3,
                                      "occupancy_percent": 68.18, "productive_hours_per_fte": 121.33})
    assert "disagree" not in landed["html"]  # 650 × 3 ÷ 60 ÷ 0.6818 ÷ 121.33 = 0.393 FTE: the same work


def test_reverse_mode_per_interval():
    # 12 agents: at 100 contacts (10 erlangs) they answer 64.0% in 20 s (staffing's worked table),
    # at 50 contacts all targets are met.
    out = run(HAND_WEEK, agents_offered=12)["outputs"]
    first, second = out["offered_intervals"]
    assert round(first["service_level_percent"], 1) == 64.0 and not first["meets_targets"]
    assert second["meets_targets"] is True  # 5 erlangs on 12 agents: occupancy 5 / 12 = 41.7%
    assert second["occupancy_percent"] == pytest.approx(100 * 5 / 12)
    assert out["offered_short_intervals"] == 1
    assert [row["agents"] for row in out["agents_table"]] == [10, 11, 12, 13, 14]


def test_staffing_reverse_mode_matches_its_worked_table():
    # The staffing page's worked table: 12 agents 64.0%, 13 agents 79.6%, 14 agents 88.8%.
    out = calculators.run("staffing", {"agents_offered": 13})["outputs"]
    assert round(out["offered_service_level_percent"], 1) == 79.6
    assert out["offered_meets_targets"] is False
    assert round(out["offered_occupancy_percent"], 1) == 76.9  # 10 / 13
    table = {row["agents"]: round(row["service_level_percent"], 1) for row in out["agents_table"]}
    assert table[12] == 64.0 and table[14] == 88.8 and table[15] == 94.1
    assert out["agents"] == 14  # the answer itself is unchanged


def test_staffing_reverse_mode_too_few_agents():
    out = calculators.run("staffing", {"agents_offered": 10})["outputs"]  # 10 agents for 10 erlangs
    assert out["offered_service_level_percent"] == 0 and out["offered_asa_seconds"] is None


def test_staffing_reverse_mode_with_patience():
    # Erlang A, pyworkforce's case: 13 agents answer 85.8% with 2.5% giving up.
    out = calculators.run("staffing", {"patience_seconds": 300, "agents_offered": 13})["outputs"]
    assert round(out["offered_service_level_percent"], 1) == 85.8
    assert round(out["offered_abandon_percent"], 1) == 2.5


def test_staffing_keys_unchanged_without_an_offer():
    out = calculators.run("staffing", {})["outputs"]
    assert out["agents"] == 14 and out["offered_agents"] is None and out["agents_table"] == []


def test_a_heavy_interval_is_named():
    result = run("day,start,contacts\nTue,11:00,900000", aht_seconds=3600)
    assert result["errors"]["volumes"].startswith("Tue 11:00: ")


def test_default_example_is_a_week():
    out = calculators.run("week_plan", {})["outputs"]
    assert out["shape"] == "intervals" and out["peak_agents"] > 0
    days = {i["day"] for i in out["intervals"]}
    assert days == {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
    assert staffing.MAX_AGENTS >= out["peak_agents"]


# ------------------------------------------------- issue 20: numbers and files as people write them

def test_a_semicolon_table_with_decimal_commas_is_read_as_meant():
    # The file: "24,75" contacts were read as 2,475 (484.7 FTE). 24.75 contacts in 30
    # minutes at 180 s: 24.75 × 180 / 1800 = 2.475 erlangs; 1,250 in the same file is 1.25.
    result = run("day;start;contacts\nMon;09:00;24,75\nMon;09:30;1,250\nMon;10:00;3\n")
    out = result["outputs"]
    assert [i["contacts"] for i in out["intervals"]] == [24.75, 1.25, 3]
    assert out["number_format"] == "decimal comma"
    assert "The counts were read with a decimal comma, as the table writes them (row 2: “24,75” is 24.75)." in \
        result["markdown"]
    # Each interval is staffing's answer for its own count, so nothing was scaled.
    alone = calculators.run("staffing", {"contacts": 24.75, **SETTINGS})["outputs"]["agents"]
    assert out["intervals"][0]["agents"] == alone


def test_a_table_with_a_decimal_point_reads_thousands_commas():
    out = run('day,start,contacts\nMon,09:00,"1,250"\nMon,09:30,2.5\n')["outputs"]
    assert [i["contacts"] for i in out["intervals"]] == [1250, 2.5] and out["number_format"] == "decimal point"
    # Alone, 1,250 takes the contract's reading, and the note says which.
    result = run('day,start,contacts\nMon,09:00,"1,250"\nMon,09:30,3\n')
    assert result["outputs"]["number_format"] == "decimal point"
    assert "row 2: “1,250” is 1,250" in result["markdown"]
    assert run("day,start,contacts\nMon,09:00,12\n")["outputs"]["number_format"] is None


def test_a_multi_week_interval_report_is_averaged_per_weekday():
    # Three weeks of a dated 30-minute report, Mon 2 to Sun 22 March 2026: each weekday occurs
    # 3 times. Mondays 09:00 hold 30, 60 and 90 -> 180 / 3 = 60 a week; Tuesday 10:30 holds 9
    # once -> 3; the report does not list Sundays, which average 0.
    rows = ["2026-03-02,09:00,30", "2026-03-09,09:00,60", "2026-03-16,09:00,90", "2026-03-10,10:30,9",
            "2026-03-21,09:00,6"]
    result = run("day,start,contacts\n" + "\n".join(rows))
    out = result["outputs"]
    by = {(i["day"], i["start"]): i["contacts"] for i in out["intervals"]}
    assert len(out["intervals"]) == 7 * 48
    assert by[("Mon", "09:00")] == 60 and by[("Tue", "10:30")] == 3 and by[("Sat", "09:00")] == 2
    assert sum(by.values()) == pytest.approx(65)  # 195 contacts over three weeks
    assert (out["first_day"], out["last_day"]) == ("2026-03-02", "2026-03-21")
    assert "dated 2026-03-02 to 2026-03-21" in result["markdown"]


def test_a_day_written_with_slashes_as_contact_exports_write_it():
    out = run("day,start,contacts\n2026/03/16,09:00,100\n2026/3/16,09:30,50\n")["outputs"]
    assert [(i["day"], i["start"], i["agents"]) for i in out["intervals"]] == [
        ("2026-03-16", "09:00", 14), ("2026-03-16", "09:30", 8)]  # the hand-worked 14 and 8
    assert "not a date that exists" in run("day,start,contacts\n2026/02/30,09:00,1\n")["errors"]["volumes"]


def test_a_30_minute_table_read_at_15_minutes_is_refused_with_the_fix():
    table = "day,start,contacts\n" + "\n".join(f"Mon,{9 + k // 2:02d}:{30 * (k % 2):02d},10" for k in range(6))
    result = run(table, interval_minutes=15)
    assert result["errors"] == {"interval_minutes": (
        "The table's rows are 30 minutes apart (Mon 09:00, 09:30 …), but Interval length is 15 minutes, so each row's "
        "contacts would be planned into 15 minutes. Set Interval length to 30 minutes.")}
    assert run(table, interval_minutes=30)["ok"]
    # The reverse: a quarter-hour start in a table read at 30 minutes names 15.
    result = run("day,start,contacts\nMon,09:00,3\nMon,09:15,4\n", interval_minutes=30)
    assert result["errors"] == {"interval_minutes": "Row 3: 09:15 does not start a 30-minute interval; the table's rows "
                                                    "look 15 minutes apart: set Interval length to 15 minutes."}


def test_times_with_and_without_a_zone_in_one_column_are_refused():
    result = run("Created at\n2026-03-02T09:00:00Z\n2026-03-02 09:40\n2026-03-03T10:00:00+01:00\n")
    assert result["errors"] == {"volumes": (
        "Row 2: “2026-03-02T09:00:00Z” carries a time zone and row 3: “2026-03-02 09:40” does not, so the two would "
        "be read hours apart. Export every time the same way (all in UTC, or all in your team's time without a zone).")}
