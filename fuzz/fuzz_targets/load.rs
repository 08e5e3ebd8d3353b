//! Any bytes in, a report out: the loader must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = sitrep::load::load_bytes(data);
    // A report either has a situation or says why not.
    assert!(report.situation.is_some() || report.errors().next().is_some());
});
