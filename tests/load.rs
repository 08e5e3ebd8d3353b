//! The loader as a library: values that only show once loaded.

use sitrep::load::load_str;
use sitrep::model::{MetricKind, Number};

/// The single value of a metric written as `value = {literal}`, or the
/// loader's error messages.
fn metric_value(literal: &str) -> Result<Number, String> {
    let text = format!(
        "[situation]\ntitle = \"T\"\nas_of = 2024-09-21\n\
         [[metrics]]\nid = \"m\"\nlabel = \"M\"\nvalue = {literal}\n"
    );
    let report = load_str(&text);
    let errors: Vec<&str> = report.errors().map(|d| d.message.as_str()).collect();
    let situation = report.situation.as_ref().ok_or_else(|| errors.join("; "))?;
    match &situation.metrics[0].kind {
        MetricKind::Observed(points) => Ok(points[0].value),
        other => Err(format!("not a single value: {other:?}")),
    }
}

#[test]
fn integers_keep_their_value_in_every_toml_form() {
    for (literal, value) in [
        ("578000", 578_000.0),
        ("578_000", 578_000.0),
        ("+5", 5.0),
        ("-3", -3.0),
        ("0x1", 1.0),
        ("0xFF", 255.0),
        ("0x1234", 4660.0),
        ("0o17", 15.0),
        ("0b101", 5.0),
    ] {
        assert_eq!(
            metric_value(literal),
            Ok(Number::whole(value)),
            "value = {literal}"
        );
    }
}

#[test]
fn floats_keep_their_value_and_decimals() {
    let number = |value, decimals| Ok(Number { value, decimals });
    assert_eq!(metric_value("12.50"), number(12.5, 2));
    assert_eq!(metric_value("1_000.5"), number(1000.5, 1));
    assert_eq!(metric_value("1e3"), number(1000.0, 0));
    assert_eq!(metric_value("inf"), Err("expected a finite number".into()));
    assert_eq!(metric_value("nan"), Err("expected a finite number".into()));
}
