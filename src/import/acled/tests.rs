//! The mapping, row by row, on hand-written exports that follow ACLED's
//! codebook (tests/fixtures/acled/). The output is read back as plain TOML
//! here; tests/import.rs runs it through `check` and `summary`.

use super::*;

const HAITI: &str = include_str!("../../../tests/fixtures/acled/haiti.csv");
const BOM_SPELLED: &[u8] = include_bytes!("../../../tests/fixtures/acled/bom-spelled.csv");
const MINIMAL: &str = include_str!("../../../tests/fixtures/acled/minimal.csv");
const BAD_ROWS: &str = include_str!("../../../tests/fixtures/acled/bad-rows.csv");
const MISSING: &str = include_str!("../../../tests/fixtures/acled/missing-columns.csv");

fn options() -> Options {
    Options {
        file_name: "export.csv".into(),
        made_at: "2026-01-02 03:04 UTC".into(),
        as_of: None,
        title: None,
    }
}

/// Imports and returns the parsed TOML, the counts and every problem.
fn run(csv: &[u8], options: &Options) -> (toml::Table, Imported, Vec<RowProblem>) {
    let mut problems = Vec::new();
    let imported = import(csv, options, |p| problems.push(p)).expect("the import succeeds");
    let text = imported.text();
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("the output is TOML: {e}\n{text}"));
    (table, imported, problems)
}

fn records<'a>(t: &'a toml::Table, table: &str) -> &'a [toml::Value] {
    t.get(table)
        .and_then(|v| v.as_array())
        .map_or(&[], Vec::as_slice)
}

fn by<'a>(t: &'a toml::Table, table: &str, key: &str, value: &str) -> &'a toml::Table {
    records(t, table)
        .iter()
        .filter_map(|r| r.as_table())
        .find(|r| r.get(key).and_then(|v| v.as_str()) == Some(value))
        .unwrap_or_else(|| panic!("no {table} with {key} = {value:?}"))
}

/// The location-level place of that name.
fn city<'a>(t: &'a toml::Table, name: &str) -> &'a toml::Table {
    records(t, "places")
        .iter()
        .filter_map(|p| p.as_table())
        .filter(|p| str_of(p, "name") == Some(name))
        .find(|p| str_of(p, "kind") == Some("city"))
        .unwrap_or_else(|| panic!("no city {name}"))
}

fn str_of<'a>(r: &'a toml::Table, key: &str) -> Option<&'a str> {
    r.get(key).and_then(|v| v.as_str())
}

fn list_of(r: &toml::Table, key: &str) -> Vec<String> {
    r.get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn every_time_precision_keeps_only_what_acled_knows() {
    let (t, imported, problems) = run(HAITI.as_bytes(), &options());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((imported.events, imported.skipped), (8, 0));
    // 1: the day.
    assert_eq!(
        str_of(by(&t, "events", "id", "hti1001"), "date"),
        Some("2024-09-20")
    );
    // 2: within a week of the coded day.
    assert_eq!(
        str_of(by(&t, "events", "id", "hti1002"), "date"),
        Some("~2024-09-18")
    );
    // 3: the month, never the middle day ACLED codes it as.
    assert_eq!(
        str_of(by(&t, "events", "id", "hti1003"), "date"),
        Some("2024-08")
    );
}

#[test]
fn ids_are_made_valid_and_unique_in_file_order() {
    let (t, _, _) = run(HAITI.as_bytes(), &options());
    let ids: Vec<&str> = records(&t, "events")
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "hti1001",
            "hti1002",
            "hti1003",
            "hti1004",
            "hti1005",
            "hti1006",
            "hti-1007-b",
            "hti1001-2"
        ]
    );
    // The same input gives the same file, byte for byte.
    let again = import(HAITI.as_bytes(), &options(), |_| {}).unwrap();
    let first = import(HAITI.as_bytes(), &options(), |_| {}).unwrap();
    assert_eq!(again.text(), first.text());
}

#[test]
fn actors_are_one_record_per_name_with_kinds_from_inter_codes() {
    let (t, _, _) = run(HAITI.as_bytes(), &options());
    let kind = |name: &str| {
        str_of(by(&t, "actors", "name", name), "kind")
            .unwrap()
            .to_string()
    };
    assert_eq!(kind("Police Forces of Haiti (2021-)"), "force");
    assert_eq!(kind("Military Forces of Haiti (2021-)"), "force");
    assert_eq!(
        kind("Multinational Security Support Mission in Haiti (2024-)"),
        "force"
    );
    assert_eq!(kind("Viv Ansanm"), "armed-group");
    assert_eq!(kind("Gran Grif"), "armed-group");
    assert_eq!(kind("Unidentified Armed Group (Haiti)"), "armed-group");
    assert_eq!(kind("Protesters (Haiti)"), "population");
    assert_eq!(kind("Teachers (Haiti)"), "population");
    assert_eq!(kind("Rioters (Haiti)"), "population");
    assert_eq!(kind("Civilians (Haiti)"), "population");
    let names: Vec<&str> = records(&t, "actors")
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(names.len(), unique.len(), "one record per name: {names:?}");
    // Both sides, with their associated actors, in order.
    let clash = by(&t, "events", "id", "hti1001");
    let police = str_of(
        by(&t, "actors", "name", "Police Forces of Haiti (2021-)"),
        "id",
    )
    .unwrap();
    assert_eq!(list_of(clash, "actors").len(), 5);
    assert_eq!(list_of(clash, "actors")[0], police);
    let mission = by(&t, "events", "id", "hti1004");
    assert_eq!(list_of(mission, "actors").len(), 3);
}

#[test]
fn a_main_actors_own_code_wins_over_the_side_it_first_joined() {
    let csv = "event_id_cnty,event_date,time_precision,event_type,actor1,assoc_actor_1,inter1,country\n\
               A1,2024-01-01,1,Protests,Protesters (X),Militia M,6,X\n\
               A2,2024-01-02,1,Battles,Militia M,,3,X\n\
               A3,2024-01-03,1,Battles,Protesters (X),,3,X\n";
    let (t, _, _) = run(csv.as_bytes(), &options());
    assert_eq!(
        str_of(by(&t, "actors", "name", "Militia M"), "kind"),
        Some("armed-group")
    );
    // The first code of its own is kept.
    assert_eq!(
        str_of(by(&t, "actors", "name", "Protesters (X)"), "kind"),
        Some("population")
    );
}

#[test]
fn spelled_inter_codes_a_bom_and_any_column_order() {
    let (t, imported, problems) = run(BOM_SPELLED, &options());
    assert_eq!((imported.events, imported.skipped), (5, 1));
    // The notes of the first row run over two lines: the bad row is on 5.
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 5, "{problems:?}");
    assert_eq!(problems[0].column, "event_date");
    assert!(
        problems[0].message.contains("31 September 2024"),
        "{problems:?}"
    );
    let kind = |name: &str| {
        str_of(by(&t, "actors", "name", name), "kind")
            .unwrap()
            .to_string()
    };
    assert_eq!(kind("Military Forces of Haiti (2021-)"), "force");
    assert_eq!(kind("Viv Ansanm"), "armed-group");
    assert_eq!(kind("Rebel Group X"), "armed-group");
    assert_eq!(kind("Identity Militia Y"), "armed-group");
    assert_eq!(kind("Protesters (Haiti)"), "population");
    assert_eq!(kind("Rioters (Haiti)"), "population");
    assert_eq!(kind("Civilians (Haiti)"), "population");
    assert_eq!(kind("Foreign Force Z"), "force");
    let first = by(&t, "events", "id", "hti2001");
    assert_eq!(str_of(first, "date"), Some("2024-09-20"));
    assert_eq!(
        str_of(first, "summary"),
        Some(
            "Fixture: a clash in Kenscoff.\nThe notes run over two lines.\n\nReported fatalities: 2."
        )
    );
    // The byte order mark did not hide the first column.
    assert_eq!(
        str_of(by(&t, "places", "kind", "country"), "name"),
        Some("Haiti")
    );
}

#[test]
fn places_form_a_hierarchy_with_honest_precision() {
    let (t, _, _) = run(HAITI.as_bytes(), &options());
    let place = |id: &str| by(&t, "places", "id", id);
    let haiti = place("haiti");
    assert_eq!(str_of(haiti, "kind"), Some("country"));
    assert!(haiti.get("lat").is_none());
    let ouest = place("ouest");
    assert_eq!(str_of(ouest, "kind"), Some("region"));
    assert_eq!(str_of(ouest, "part_of"), Some("haiti"));
    assert_eq!(str_of(place("port-au-prince"), "part_of"), Some("ouest"));
    assert_eq!(str_of(place("port-au-prince"), "kind"), Some("district"));
    // admin3, then the location with its point.
    let delmas_admin3 = place("delmas");
    assert_eq!(str_of(delmas_admin3, "kind"), Some("district"));
    let delmas = place("delmas-2");
    assert_eq!(str_of(delmas, "name"), Some("Delmas"));
    assert_eq!(str_of(delmas, "kind"), Some("city"));
    assert_eq!(str_of(delmas, "part_of"), Some("delmas"));
    assert_eq!(delmas["lat"].as_float(), Some(18.5447));
    assert_eq!(delmas["lon"].as_float(), Some(-72.3024));
    assert!(delmas.get("approximate").is_none());
    // geo_precision 2 at the same spot: a place of its own, marked, and
    // named so that the two can be told apart.
    let near = place("delmas-3");
    assert_eq!(near["approximate"].as_bool(), Some(true));
    assert_eq!(str_of(near, "name"), Some("Delmas (approximate)"));
    assert_eq!(
        str_of(by(&t, "events", "id", "hti1005"), "place"),
        Some("delmas-3")
    );
    assert_eq!(
        str_of(by(&t, "events", "id", "hti1001"), "place"),
        Some("delmas-2")
    );
    // geo_precision 2 or 3 with no exact twin: approximate, under its
    // plain name.
    for name in ["Mirebalais", "Saint-Marc"] {
        let city = city(&t, name);
        assert_eq!(city["approximate"].as_bool(), Some(true), "{name}");
    }
    // No coordinates: a place known by name only.
    let petion = city(&t, "Petion-Ville");
    assert!(petion.get("lat").is_none() && petion.get("approximate").is_none());
    // An empty admin3 is skipped: the location lies in admin2.
    assert_eq!(
        str_of(city(&t, "Croix-des-Bouquets"), "part_of"),
        Some("croix-des-bouquets")
    );
}

#[test]
fn categories_tags_titles_summaries_and_sources() {
    let (t, _, _) = run(HAITI.as_bytes(), &options());
    let riot = by(&t, "events", "id", "hti1006");
    assert_eq!(str_of(riot, "category"), Some("Riots"));
    assert_eq!(
        str_of(riot, "title"),
        Some("Mob violence in Croix-des-Bouquets")
    );
    assert_eq!(
        list_of(riot, "tags"),
        [
            "Mob violence",
            "Political violence",
            "Demonstrations",
            "local administrators"
        ]
    );
    assert_eq!(
        str_of(riot, "summary"),
        Some(
            "Fixture: residents of Croix-des-Bouquets killed a suspected gang member.\n\nReported fatalities: 1."
        )
    );
    let protest = by(&t, "events", "id", "hti1003");
    assert_eq!(
        list_of(protest, "tags"),
        [
            "Peaceful protest",
            "Demonstrations",
            "crowd size=several hundred"
        ]
    );
    // Sources: one record per publisher, `;` with or without a space, and
    // ACLED itself on every event.
    assert_eq!(
        list_of(protest, "sources"),
        ["radio-kiskeya", "alterpresse", "acled"]
    );
    let publishers: Vec<&str> = records(&t, "sources")
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        publishers,
        [
            "ACLED data export export.csv",
            "Le Nouvelliste",
            "Radio Television Caraibes",
            "Radio Kiskeya",
            "AlterPresse"
        ]
    );
    assert_eq!(
        str_of(by(&t, "sources", "id", "acled"), "date"),
        Some("2024-09-22")
    );
}

#[test]
fn fatalities_become_a_monthly_figure_with_acleds_caveat() {
    let (t, _, _) = run(HAITI.as_bytes(), &options());
    let metric = by(&t, "metrics", "id", "fatalities");
    assert!(
        str_of(metric, "note")
            .unwrap()
            .contains("conservative estimates")
    );
    let points: Vec<(String, i64)> = metric["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["date"].as_str().unwrap().to_string(),
                p["value"].as_integer().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            ("2024-07".to_string(), 2),
            ("2024-08".to_string(), 0),
            ("2024-09".to_string(), 9)
        ]
    );
}

#[test]
fn the_situation_says_where_the_file_came_from() {
    let (t, _, _) = run(HAITI.as_bytes(), &options());
    let s = t["situation"].as_table().unwrap();
    assert_eq!(str_of(s, "title"), Some("ACLED events in Haiti"));
    // The latest event date.
    assert_eq!(s["as_of"].to_string(), "2024-09-21");
    assert_eq!(str_of(s, "location"), Some("Haiti"));
    let toml = import(HAITI.as_bytes(), &options(), |_| {}).unwrap().text();
    assert!(
        toml.starts_with(
            "# Made by `sitrep import acled` from export.csv on 2026-01-02 03:04 UTC.\n\
             # 8 rows became events, 0 were skipped. ACLED last updated these rows on 2024-09-22.\n"
        ),
        "{toml}"
    );
    let chosen = Options {
        as_of: NaiveDate::from_ymd_opt(2024, 10, 1),
        title: Some("Haiti: gang violence".into()),
        ..options()
    };
    let (t, _, _) = run(HAITI.as_bytes(), &chosen);
    let s = t["situation"].as_table().unwrap();
    assert_eq!(str_of(s, "title"), Some("Haiti: gang violence"));
    assert_eq!(s["as_of"].to_string(), "2024-10-01");
}

#[test]
fn optional_columns_may_be_missing() {
    let (t, imported, problems) = run(MINIMAL.as_bytes(), &options());
    assert!(problems.is_empty());
    assert_eq!(imported.events, 2);
    let first = by(&t, "events", "id", "sdn1");
    assert_eq!(str_of(first, "title"), Some("Battles in Sudan"));
    assert_eq!(str_of(first, "place"), Some("sudan"));
    assert!(first.get("summary").is_none());
    assert_eq!(
        str_of(by(&t, "events", "id", "sdn2"), "date"),
        Some("2024-05")
    );
    assert_eq!(
        str_of(by(&t, "actors", "name", "Rapid Support Forces"), "kind"),
        Some("other")
    );
    // No fatalities column: no figure.
    assert!(records(&t, "metrics").is_empty());
}

#[test]
fn bad_rows_say_where_and_what_and_are_skipped() {
    let (t, imported, problems) = run(BAD_ROWS.as_bytes(), &options());
    let seen: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (3, "event_date"),
            (4, "latitude"),
            (5, "time_precision"),
            (6, "inter1"),
            (7, "longitude"),
            (8, "fatalities"),
            (9, "row"),
            (10, "event_id_cnty"),
            (12, "longitude"),
        ]
    );
    assert!(
        problems[1]
            .message
            .contains("95.5 is out of range (-90 to 90)")
    );
    assert!(
        problems[6]
            .message
            .contains("has 4 fields, the header has 12")
    );
    assert!(
        problems[8]
            .message
            .contains("-200 is out of range (-180 to 180)")
    );
    assert_eq!((imported.events, imported.skipped), (2, 9));
    let ids: Vec<&str> = records(&t, "events")
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sdn1", "sdn9"]);
    // The skipped rows left nothing behind: no actor, place or fatality.
    let names = |table: &str, key: &str| -> Vec<String> {
        records(&t, table)
            .iter()
            .map(|r| r[key].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names("actors", "name"),
        ["Rapid Support Forces", "Military Forces of Sudan (2019-)"]
    );
    assert_eq!(names("places", "name"), ["Sudan", "Khartoum", "Omdurman"]);
    assert_eq!(city(&t, "Omdurman")["approximate"].as_bool(), Some(true));
    let points = by(&t, "metrics", "id", "fatalities")["points"]
        .as_array()
        .unwrap();
    assert_eq!(points[0]["value"].as_integer(), Some(11));
}

#[test]
fn missing_required_columns_are_named() {
    let err = import(MISSING.as_bytes(), &options(), |_| {}).unwrap_err();
    assert_eq!(err, Failure::MissingColumns(vec!["event_date", "actor1"]));
    let coordinates_alone =
        "event_id_cnty,event_date,time_precision,event_type,actor1,country,latitude,longitude\n";
    assert_eq!(
        import(coordinates_alone.as_bytes(), &options(), |_| {}).unwrap_err(),
        Failure::MissingColumns(vec!["geo_precision"])
    );
}

#[test]
fn nothing_to_import_is_a_failure_unless_as_of_is_given() {
    let header = "event_id_cnty,event_date,time_precision,event_type,actor1,country\n";
    assert_eq!(
        import(header.as_bytes(), &options(), |_| {}).unwrap_err(),
        Failure::NoEvents
    );
    assert!(matches!(
        import(&b""[..], &options(), |_| {}).unwrap_err(),
        Failure::Unreadable(_)
    ));
    let chosen = Options {
        as_of: NaiveDate::from_ymd_opt(2024, 10, 1),
        ..options()
    };
    let (t, imported, _) = run(header.as_bytes(), &chosen);
    assert_eq!(imported.events, 0);
    assert!(records(&t, "events").is_empty());
}

#[test]
fn invalid_utf8_is_a_bad_row() {
    let mut csv =
        b"event_id_cnty,event_date,time_precision,event_type,actor1,country,notes\n".to_vec();
    csv.extend_from_slice(b"A1,2024-01-01,1,Battles,X,Y,caf\xe9\n");
    csv.extend_from_slice(b"A2,2024-01-02,1,Battles,X,Y,fine\n");
    let (_, imported, problems) = run(&csv, &options());
    assert_eq!((imported.events, imported.skipped), (1, 1));
    assert_eq!(
        problems,
        [RowProblem {
            line: 2,
            column: "notes".into(),
            message: "not valid UTF-8".into()
        }]
    );
}

#[test]
fn inter_codes_numeric_and_spelled() {
    for (text, kind) in [
        ("1", ActorKind::Force),
        ("State forces", ActorKind::Force),
        ("2", ActorKind::ArmedGroup),
        ("Rebel groups", ActorKind::ArmedGroup),
        ("3", ActorKind::ArmedGroup),
        ("Political militia", ActorKind::ArmedGroup),
        ("4", ActorKind::ArmedGroup),
        ("Identity militias", ActorKind::ArmedGroup),
        ("5", ActorKind::Population),
        ("Rioters", ActorKind::Population),
        ("6", ActorKind::Population),
        ("protesters", ActorKind::Population),
        ("7", ActorKind::Population),
        ("Civilians", ActorKind::Population),
        ("8", ActorKind::Force),
        ("External/Other forces", ActorKind::Force),
        ("", ActorKind::Other),
        ("0", ActorKind::Other),
    ] {
        assert_eq!(actor_kind(text), Some(kind), "{text:?}");
    }
    assert_eq!(actor_kind("9"), None);
    assert_eq!(actor_kind("Aliens"), None);
}

#[test]
fn windows_line_ends_leave_no_trace() {
    let csv = "event_id_cnty,event_date,time_precision,event_type,actor1,country,notes\r\n\
               A1,2024-01-01,1,Battles,X,Y,\"quoted, last\"\r\n\
               \r\n\
               A2,2024-01-02,9,Battles,X,Y,plain\r\n";
    let mut problems = Vec::new();
    let imported = import(csv.as_bytes(), &options(), |p| problems.push(p)).unwrap();
    let t: toml::Table = toml::from_str(&imported.text()).unwrap();
    assert_eq!(
        str_of(by(&t, "events", "id", "a1"), "summary"),
        Some("quoted, last")
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].line, problems[0].column.as_str()),
        (4, "time_precision")
    );
}
