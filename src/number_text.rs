//! Numbers as people read them: thousands grouped with commas, integers
//! exact however large (a 64-bit count is not rounded through a float),
//! and floats in the shortest form that reads back as the same float.

use crate::model::Number;

/// 9007199254740993 -> "9,007,199,254,740,993": every digit, as written.
pub fn group_integer(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    push_grouped(&mut out, &digits);
    out
}

/// Beyond this a float's decimal expansion is mostly invented zeros: such
/// floats are written as a power of ten (1×10³⁰⁸, not 309 digits).
const EXPONENT_FROM: f64 = 1e16;

/// A float with `decimals` digits after the point (halves away from zero)
/// and thousands grouped: 63250.0 with 0 -> "63,250"; 18.5 with 1 ->
/// "18.5". A magnitude of 1e16 or more is written as people write it, with
/// the shortest digits that read back the same: "1×10³⁰⁸", "1.5×10²⁰";
/// never a program's "1e308".
pub fn group_float(value: f64, decimals: u8) -> String {
    if value.is_nan() {
        return "not a number".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞" } else { "-∞" }.into();
    }
    if value.abs() >= EXPONENT_FROM {
        return power_of_ten(value);
    }
    let text = format!(
        "{:.*}",
        usize::from(decimals),
        round_half_up(value.abs(), decimals)
    );
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    push_grouped(&mut out, whole);
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A number from the file: an integer with every digit, a float as
/// [`group_float`] writes it.
pub fn number(n: Number) -> String {
    match n.exact {
        Some(integer) => group_integer(integer.into()),
        None => group_float(n.value, n.decimals),
    }
}

/// 1.5e20 -> "1.5×10²⁰": the shortest digits that read back as the same
/// float, times a power of ten in superscript.
fn power_of_ten(value: f64) -> String {
    let written = format!("{value:e}");
    let (digits, exponent) = written.split_once('e').unwrap_or((&written, "0"));
    let superscript: String = exponent
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect();
    format!("{digits}×10{superscript}")
}

/// Appends ASCII digits with a comma before each group of three.
fn push_grouped(out: &mut String, digits: &str) {
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
}

/// Rounds halves away from zero (20.5 -> 21), as people do; `format!`
/// alone rounds an exact half to even (20.5 -> "20").
fn round_half_up(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let scaled = value * scale;
    if scaled.is_finite() {
        scaled.round() / scale
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_keep_every_digit() {
        assert_eq!(group_integer(0), "0");
        assert_eq!(group_integer(999), "999");
        assert_eq!(group_integer(1000), "1,000");
        assert_eq!(
            group_integer(9_007_199_254_740_993),
            "9,007,199,254,740,993"
        );
        assert_eq!(
            group_integer(i128::from(i64::MAX)),
            "9,223,372,036,854,775,807"
        );
        assert_eq!(
            group_integer(i128::from(i64::MIN)),
            "-9,223,372,036,854,775,808"
        );
        assert_eq!(
            group_integer(i128::from(u64::MAX)),
            "18,446,744,073,709,551,615"
        );
    }

    #[test]
    fn floats_read_back_the_same_and_huge_ones_take_a_power_of_ten() {
        assert_eq!(group_float(63250.0, 0), "63,250");
        assert_eq!(group_float(18.5, 1), "18.5");
        assert_eq!(group_float(20.5, 0), "21");
        assert_eq!(group_float(-0.04, 1), "0.0");
        // As people write them, never as "1e308".
        assert_eq!(group_float(1e308, 0), "1×10³⁰⁸");
        assert_eq!(group_float(-1.5e20, 0), "-1.5×10²⁰");
        assert_eq!(group_float(1.08e291, 0), "1.08×10²⁹¹");
        assert_eq!(group_float(f64::INFINITY, 0), "∞");
        // The digits still read back as the same float.
        let max = group_float(f64::MAX, 0);
        let (digits, power) = max.split_once("×10").unwrap();
        assert_eq!(power, "³⁰⁸");
        assert_eq!(format!("{digits}e308").parse::<f64>(), Ok(f64::MAX));
        assert_eq!(group_float(1e15, 0), "1,000,000,000,000,000");
    }
}
