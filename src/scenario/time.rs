//! Scenario time: whole minutes on the scenario's local civil clock, written `YYYY-MM-DD HH:MM`.

use std::fmt;

use jiff::SignedDuration;
use jiff::civil::DateTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ScenarioError;

/// A moment in the scenario, counted in minutes from 1970-01-01 00:00 local time.
///
/// Minutes are the finest grain any record in the case needs, and an integer keeps
/// ordering and arithmetic exact, so the engine never touches floating point or a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Time(pub i64);

/// Minutes in a day, for rules written in days.
pub const MINUTES_PER_DAY: i64 = 24 * 60;

const FORMAT: &str = "%Y-%m-%d %H:%M";
const EPOCH: DateTime = DateTime::constant(1970, 1, 1, 0, 0, 0, 0);

impl Time {
    /// Parses `YYYY-MM-DD HH:MM` (a date alone means midnight).
    pub fn parse(text: &str) -> Result<Time, ScenarioError> {
        let text = text.trim();
        let parsed = if text.len() == 10 {
            DateTime::strptime(FORMAT, format!("{text} 00:00"))
        } else {
            DateTime::strptime(FORMAT, text)
        };
        let datetime = parsed.map_err(|_| ScenarioError::BadTime {
            text: text.to_owned(),
        })?;
        let minutes = datetime.duration_since(EPOCH).as_secs() / 60;
        Ok(Time(minutes))
    }

    /// Adds whole minutes.
    pub fn plus_minutes(self, minutes: i64) -> Time {
        Time(self.0.saturating_add(minutes))
    }

    /// Adds whole days.
    pub fn plus_days(self, days: i64) -> Time {
        self.plus_minutes(days.saturating_mul(MINUTES_PER_DAY))
    }

    /// The time rounded down to the start of its hour.
    pub fn hour_start(self) -> Time {
        Time(self.0 - self.0.rem_euclid(60))
    }
}

impl Time {
    /// The time in ISO 8601 (`2022-06-13T08:05:00`): scenario local time, so no offset.
    pub fn iso8601(self) -> Iso8601 {
        Iso8601(self)
    }

    /// Year, month, day, hour and minute, for years 0 to 9999; `None` outside them.
    ///
    /// Exports print every entry's time, so this is plain arithmetic (days to a civil
    /// date as in Howard Hinnant's `civil_from_days`) rather than a formatter per call.
    fn civil(self) -> Option<[u32; 5]> {
        let days = self.0.div_euclid(MINUTES_PER_DAY);
        let minute = self.0.rem_euclid(MINUTES_PER_DAY) as u32;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        if !(0..=9999).contains(&year) {
            return None;
        }
        Some([
            year as u32,
            month as u32,
            day as u32,
            minute / 60,
            minute % 60,
        ])
    }

    /// `YYYY-MM-DD?HH:MM` with `separator` in the middle, as ASCII bytes.
    fn digits(self, separator: u8) -> Option<[u8; 16]> {
        let [year, month, day, hour, minute] = self.civil()?;
        let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        let [y1, y2] = two(year / 100);
        let [y3, y4] = two(year % 100);
        let [mo1, mo2] = two(month);
        let [d1, d2] = two(day);
        let [h1, h2] = two(hour);
        let [mi1, mi2] = two(minute);
        Some([
            y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, separator, h1, h2, b':', mi1, mi2,
        ])
    }

    /// Formats through jiff: the slow path, for times outside years 0 to 9999.
    fn fmt_slow(self, f: &mut fmt::Formatter<'_>, format: &str) -> fmt::Result {
        // `from_mins` panics past an i64 of seconds; a saturated time must still print.
        let datetime = self
            .0
            .checked_mul(60)
            .and_then(|secs| EPOCH.checked_add(SignedDuration::from_secs(secs)).ok());
        match datetime {
            Some(datetime) => write!(f, "{}", datetime.strftime(format)),
            None => write!(f, "minute {}", self.0),
        }
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.digits(b' ') {
            // The digits are ASCII by construction.
            Some(text) => f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?),
            None => self.fmt_slow(f, FORMAT),
        }
    }
}

/// A [`Time`] shown in ISO 8601, from [`Time::iso8601`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Iso8601(Time);

impl fmt::Display for Iso8601 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.digits(b'T') {
            Some(text) => {
                f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)?;
                f.write_str(":00")
            }
            None => self.0.fmt_slow(f, "%Y-%m-%dT%H:%M:%S"),
        }
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
        let text = String::deserialize(deserializer)?;
        Time::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_same_text() {
        let time = Time::parse("2022-06-13 08:05").unwrap();
        assert_eq!(time.to_string(), "2022-06-13 08:05");
        assert_eq!(
            Time::parse("2022-06-13").unwrap().to_string(),
            "2022-06-13 00:00"
        );
    }

    #[test]
    fn orders_by_minute() {
        let a = Time::parse("2022-06-11 23:59").unwrap();
        let b = Time::parse("2022-06-12 00:00").unwrap();
        assert_eq!(b.0 - a.0, 1);
        assert_eq!(a.plus_days(1).to_string(), "2022-06-12 23:59");
        assert_eq!(a.hour_start().to_string(), "2022-06-11 23:00");
    }

    #[test]
    fn prints_as_jiff_does_across_the_calendar() {
        // Every 104,729 minutes (a prime, so every hour and minute comes round) from year 0
        // to 9999, and the days around the turn of each century.
        let slow = |t: Time, format: &str| {
            EPOCH
                .checked_add(SignedDuration::from_mins(t.0))
                .unwrap()
                .strftime(format)
                .to_string()
        };
        let first = Time::parse("0000-01-01 00:00").unwrap().0;
        let last = Time::parse("9999-12-31 23:59").unwrap().0;
        let centuries = (0..100).flat_map(|c| {
            let turn = Time::parse(&format!("{:04}-02-27 00:00", c * 100))
                .unwrap()
                .0;
            (0..4 * 24).map(move |h| turn + h * 60 + 59)
        });
        for t in (first..=last)
            .step_by(104_729)
            .chain(centuries)
            .chain([last])
        {
            let t = Time(t);
            assert_eq!(t.to_string(), slow(t, FORMAT));
            assert_eq!(t.iso8601().to_string(), slow(t, "%Y-%m-%dT%H:%M:%S"));
        }
        assert_eq!(
            Time::parse("2022-06-13 08:05")
                .unwrap()
                .iso8601()
                .to_string(),
            "2022-06-13T08:05:00"
        );
        assert_eq!(
            Time(last + 1).to_string(),
            format!("minute {}", last + 1),
            "past jiff's range, as before"
        );
        assert_eq!(Time(i64::MAX).to_string(), format!("minute {}", i64::MAX));
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        assert!(Time::parse("13 June").is_err());
        assert!(Time::parse("2022-13-01 00:00").is_err());
        assert!(Time::parse("").is_err());
    }
}
