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

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match EPOCH.checked_add(SignedDuration::from_mins(self.0)) {
            Ok(datetime) => write!(f, "{}", datetime.strftime(FORMAT)),
            Err(_) => write!(f, "minute {}", self.0),
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
    fn rejects_what_is_not_a_time() {
        assert!(Time::parse("13 June").is_err());
        assert!(Time::parse("2022-13-01 00:00").is_err());
        assert!(Time::parse("").is_err());
    }
}
