//! A made-up ACLED export of any size, for the import bench and for timing
//! `sitrep import acled` by hand (`cargo run --release --example acled_csv`).
//! Every column of ACLED's codebook is there; the names, places and notes
//! are invented, the mix of precision codes, actor types and `;` lists is
//! what real exports show. The same size and seed give the same bytes.

use std::io::{self, Write};

pub const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,\
sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,\
civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,\
geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const TYPES: [(&str, &str, &str); 8] = [
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Violence against civilians", "Attack"),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Protests", "Protest with intervention"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    (
        "Strategic developments",
        "Strategic developments",
        "Arrests",
    ),
    (
        "Political violence; Demonstrations",
        "Riots",
        "Mob violence",
    ),
];

const PUBLISHERS: [&str; 12] = [
    "Valley Gazette",
    "Radio North",
    "Coast Herald",
    "The Daily Ledger",
    "Wire Service A",
    "Wire Service B",
    "Community Radio 5",
    "Provincial Times",
    "Local partner monitor",
    "Morning Post",
    "Evening Star",
    "Border Watch",
];

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Writes the header and `rows` rows, newest first as ACLED sorts them.
pub fn write(rows: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(seed);
    writeln!(out, "{HEADER}")?;
    for i in 0..rows {
        // About three years of events, newest first.
        let day_index = (rows - 1 - i) * 1095 / rows.max(1);
        let date = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
            + chrono::Duration::days(day_index as i64);
        let time_precision = [1, 1, 1, 1, 1, 1, 2, 2, 3][rng.below(9) as usize];
        let (disorder, event_type, sub_event) = TYPES[rng.below(TYPES.len() as u64) as usize];
        let inter1 = 1 + rng.below(8);
        let inter2 = rng.below(9);
        let actor1 = format!("Group {} of Lowmere", rng.below(400));
        let assoc1 = match rng.below(4) {
            0 => format!(
                "Group {} of Lowmere; Group {} of Lowmere",
                rng.below(400),
                rng.below(400)
            ),
            1 => format!("Group {} of Lowmere", rng.below(400)),
            _ => String::new(),
        };
        let actor2 = if inter2 == 0 {
            String::new()
        } else {
            format!("Group {} of Lowmere", rng.below(400))
        };
        let admin1 = rng.below(12);
        let admin2 = rng.below(8);
        let admin3 = rng.below(6);
        let location = rng.below(25);
        let lat = 10.0 + admin1 as f64 * 0.5 + location as f64 * 0.01;
        let lon = 30.0 + admin2 as f64 * 0.5 + admin3 as f64 * 0.05;
        let geo_precision = [1, 1, 1, 2, 2, 3][rng.below(6) as usize];
        let sources = if rng.below(3) == 0 {
            format!(
                "{}; {}",
                PUBLISHERS[rng.below(12) as usize],
                PUBLISHERS[rng.below(12) as usize]
            )
        } else {
            PUBLISHERS[rng.below(12) as usize].to_string()
        };
        let fatalities = if rng.below(3) == 0 { rng.below(20) } else { 0 };
        let tags = if rng.below(5) == 0 {
            "crowd size=no report"
        } else {
            ""
        };
        writeln!(
            out,
            "LMR{id},{date},{year},{time_precision},{disorder},{event_type},{sub_event},\
             {actor1},{assoc1},{inter1},{actor2},,{inter2},{interaction},,999,Somewhere,\
             Lowmere,Province {admin1},District {admin1}-{admin2},Sub-district {admin1}-{admin2}-{admin3},\
             Town {admin1}-{admin2}-{admin3}-{location},{lat:.4},{lon:.4},{geo_precision},{sources},\
             National,\"On {date}, {actor1} and others were reported in an incident of the kind \
             coded as {sub_event} near Town {admin1}-{admin2}-{admin3}-{location}; details were \
             reported by {sources}, and the figures given are as reported.\",{fatalities},{tags},{timestamp}",
            id = 100_000 + i,
            year = chrono::Datelike::year(&date),
            interaction = inter1 * 10 + inter2,
            timestamp = 1_700_000_000 + i as u64,
        )?;
    }
    Ok(())
}
