//! [`Url`]: a web address.

checked_string! {
    /// An `http://` or `https://` address of at most 2,048 characters, written in printable
    /// ASCII without spaces (non-ASCII characters must be percent-encoded). Every source of the
    /// catalogue is one.
    ///
    /// ```
    /// use citynets::Url;
    ///
    /// assert!("https://eurocities.eu/".parse::<Url>().is_ok());
    /// assert!("eurocities.eu".parse::<Url>().is_err());
    /// assert!("https://example.org/a b".parse::<Url>().is_err());
    /// ```
    Url,
    max = 2048,
    storage = String,
    pattern = "^https?://[!-~]+$",
    expected = "an http(s):// address in printable ASCII without spaces",
    check = is_web_address,
}

fn is_web_address(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    // Printable ASCII, `!` to `~`, tested eight bytes at a time.
    rest.is_some_and(|r| !r.is_empty() && crate::words::all_printable(r.as_bytes()))
}

impl Url {
    /// The host part of the address, without a leading `www.`.
    ///
    /// ```
    /// use citynets::Url;
    /// let u: Url = "https://www.aviama.org/en/".parse().unwrap();
    /// assert_eq!(u.host(), "aviama.org");
    /// ```
    pub fn host(&self) -> &str {
        let rest = self
            .as_str()
            .split_once("://")
            .map_or(self.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        host.strip_prefix("www.").unwrap_or(host)
    }
}
