//! [`PartialDate`]: an ISO 8601 date that may be only a year or a month.

checked_string! {
    /// An ISO 8601 calendar date with reduced precision where only the year or the month is
    /// known: `"2015"`, `"2016-11"`, `"2016-11-18"`. Values of the same precision sort in time
    /// order; a year sorts before any month of it.
    ///
    /// ```
    /// use citynets::PartialDate;
    ///
    /// let d: PartialDate = "2016-11".parse().unwrap();
    /// assert_eq!(d.year(), 2016);
    /// assert_eq!(d.month(), Some(11));
    /// assert!("2016-13".parse::<PartialDate>().is_err());
    /// assert!("18/11/2016".parse::<PartialDate>().is_err());
    /// ```
    PartialDate,
    max = 10,
    storage = crate::checked::Inline<10>,
    pattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    expected = "an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD",
    check = is_partial_date,
}

fn is_partial_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let two = |i: usize| -> Option<u32> {
        let hi = u32::from(*b.get(i)?).checked_sub(u32::from(b'0'))?;
        let lo = u32::from(*b.get(i + 1)?).checked_sub(u32::from(b'0'))?;
        Some(hi * 10 + lo)
    };
    if !digits(0..4) {
        return false;
    }
    match b.len() {
        4 => true,
        7 => b[4] == b'-' && digits(5..7) && two(5).is_some_and(|m| (1..=12).contains(&m)),
        10 => {
            b[4] == b'-'
                && b[7] == b'-'
                && digits(5..7)
                && digits(8..10)
                && two(5).is_some_and(|m| (1..=12).contains(&m))
                && two(8).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

impl PartialDate {
    /// The year.
    pub fn year(&self) -> i32 {
        self.as_str()
            .get(0..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or_default()
    }

    /// The month (1–12), if the date has one.
    pub fn month(&self) -> Option<u32> {
        self.as_str().get(5..7).and_then(|m| m.parse().ok())
    }

    /// The day of the month, if the date has one.
    pub fn day(&self) -> Option<u32> {
        self.as_str().get(8..10).and_then(|d| d.parse().ok())
    }

    /// Whether this date lies wholly before `other`: the last day it can mean is before the
    /// first day `other` can mean ("2014" is before "2015-06"; "2015" is not).
    ///
    /// The text is compared over the length of the shorter date. Digits have a fixed width, so
    /// that is the order of the common precision, and the longer date lies within the shorter
    /// one's span when their common part is equal.
    pub(crate) fn wholly_before(&self, other: &PartialDate) -> bool {
        let (a, b) = (self.0.bytes(), other.0.bytes());
        let common = a.len().min(b.len());
        a.get(..common) < b.get(..common)
    }

    /// A date that is only a year.
    pub fn from_year(year: u16) -> Result<Self, crate::error::ValueError> {
        Self::new(format!("{year:04}"))
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn accepts_reduced_precision_and_rejects_the_rest() {
        for ok in ["2015", "2016-11", "2016-11-18", "0999", "2020-02-31"] {
            assert!(ok.parse::<PartialDate>().is_ok(), "{ok}");
        }
        for bad in [
            "15",
            "2016-1",
            "2016-00",
            "2016-13",
            "2016-11-32",
            "2016-11-00",
            "2016/11",
            " 2016",
            "2016 ",
            "２０１６",
            "2016-11-18T00:00",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
    }

    /// `wholly_before` agrees with comparing the last day one date can mean with the first day
    /// the other can mean, over dates of every precision around the edges of months and years.
    #[test]
    fn wholly_before_compares_last_day_with_first_day() {
        let mut dates = Vec::new();
        for year in ["1999", "2000", "2001"] {
            dates.push(year.to_owned());
            for month in ["01", "02", "06", "11", "12"] {
                dates.push(format!("{year}-{month}"));
                for day in ["01", "02", "15", "30", "31"] {
                    dates.push(format!("{year}-{month}-{day}"));
                }
            }
        }
        let dates: Vec<PartialDate> = dates.iter().map(|d| d.parse().unwrap()).collect();
        let mut both = 0;
        for a in &dates {
            for b in &dates {
                let latest = (a.year(), a.month().unwrap_or(12), a.day().unwrap_or(31));
                let earliest = (b.year(), b.month().unwrap_or(1), b.day().unwrap_or(1));
                let expected = latest < earliest;
                assert_eq!(a.wholly_before(b), expected, "{a} before {b}");
                both += usize::from(expected);
            }
        }
        // Both answers occur often: the comparison is no constant.
        assert!(
            both > 1000 && both < dates.len() * dates.len() - 1000,
            "{both}"
        );
    }
}
