use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/tmp/big.toml").unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let s = sitrep::load::load_str(&text).situation.unwrap();
        let t1 = t.elapsed();
        let t = Instant::now();
        let idx = sitrep::query::Index::new(&s);
        let t2 = t.elapsed();
        drop(idx);
        let t = Instant::now();
        let app = sitrep::app::App::new(s, sitrep::app::Options::default());
        let t3 = t.elapsed();
        let t = Instant::now();
        drop(app);
        let t4 = t.elapsed();
        println!("load {t1:?} index {t2:?} app::new {t3:?} drop {t4:?}");
    }
}
