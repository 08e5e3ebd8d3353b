//! URLs from a situation file are untrusted: `o` opens one only when it is
//! a plain `http` or `https` address. Anything else (`file:`, `javascript:`,
//! a scheme an opener would hand to another program, text with spaces or
//! control characters that could read as more than one argument or rewrite
//! the screen) is refused with what was wrong.

use crate::sanitize::is_hostile;

/// Longer than any address a browser keeps in its bar; a longer one is a
/// slip or a trick.
pub const MAX_LEN: usize = 4096;

/// Why a URL is not opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLong,
    /// A control character (or a bidi override) somewhere in it.
    Control,
    /// A space, tab or other whitespace: a URL has none (spaces are `%20`).
    Whitespace,
    /// Not `http://` or `https://`.
    Scheme,
    /// Nothing between `//` and the path.
    NoHost,
}

impl Refusal {
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Empty => "the url is empty",
            Refusal::TooLong => "the url is too long",
            Refusal::Control => "the url holds a control character",
            Refusal::Whitespace => "the url holds whitespace",
            Refusal::Scheme => "only http and https urls are opened",
            Refusal::NoHost => "the url names no host",
        }
    }
}

/// The URL when it may be opened: `http://` or `https://` (any case), a
/// host, and no whitespace or control character anywhere.
pub fn checked(url: &str) -> Result<&str, Refusal> {
    if url.is_empty() {
        return Err(Refusal::Empty);
    }
    if url.len() > MAX_LEN {
        return Err(Refusal::TooLong);
    }
    if url.chars().any(|c| c.is_control() || is_hostile(c)) {
        return Err(Refusal::Control);
    }
    if url.chars().any(char::is_whitespace) {
        return Err(Refusal::Whitespace);
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err(Refusal::Scheme);
    };
    // The authority ends at the path, the query or the fragment.
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // "user@" and ":port" are no host by themselves.
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    if host.is_empty() {
        return Err(Refusal::NoHost);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_urls_pass_as_they_are() {
        for url in [
            "https://example.org",
            "http://example.org/a-b?c=d#e",
            "HTTPS://Example.org/Path",
            "https://user@example.org:8443/x",
            "https://[2001:db8::1]/",
            "https://example.org/%20spaced",
        ] {
            assert_eq!(checked(url), Ok(url), "{url}");
        }
    }

    #[test]
    fn other_schemes_are_refused() {
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://example.org/",
            "mailto:a@example.org",
            "example.org",
            "//example.org",
            "-https://example.org",
            "httpsx://example.org",
            "https:/example.org",
            "data:text/html,<b>hi</b>",
        ] {
            assert_eq!(checked(url), Err(Refusal::Scheme), "{url}");
        }
    }

    #[test]
    fn control_characters_and_whitespace_are_refused() {
        assert_eq!(
            checked("https://example.org/\u{1b}]0;pwned\u{7}"),
            Err(Refusal::Control)
        );
        assert_eq!(
            checked("https://example.org/\u{9b}1m"),
            Err(Refusal::Control)
        );
        assert_eq!(
            checked("https://example.org/\u{202e}gpj.exe"),
            Err(Refusal::Control)
        );
        assert_eq!(checked("https://example.org/\n"), Err(Refusal::Control));
        assert_eq!(checked("https://exa mple.org"), Err(Refusal::Whitespace));
        assert_eq!(checked(" https://example.org"), Err(Refusal::Whitespace));
        assert_eq!(
            checked("https://example.org/\u{a0}"),
            Err(Refusal::Whitespace)
        );
        assert_eq!(
            checked("https://example.org/\u{3000}"),
            Err(Refusal::Whitespace)
        );
    }

    #[test]
    fn a_url_needs_a_host_and_a_sane_length() {
        assert_eq!(checked(""), Err(Refusal::Empty));
        assert_eq!(checked("https://"), Err(Refusal::NoHost));
        assert_eq!(checked("https:///path"), Err(Refusal::NoHost));
        assert_eq!(checked("http://user@:80/"), Err(Refusal::NoHost));
        let long = format!("https://example.org/{}", "a".repeat(MAX_LEN));
        assert_eq!(checked(&long), Err(Refusal::TooLong));
    }
}
