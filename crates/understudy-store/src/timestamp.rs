//! Timestamps as fixed-width RFC 3339 text, so that ordering the text
//! orders the instants, in SQLite and PostgreSQL alike.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::StoreError;

/// The stored form: UTC, nine fractional digits, `Z` suffix.
pub(crate) fn format(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// The stored form of the present moment.
pub(crate) fn now() -> String {
    format(Utc::now())
}

/// Reads a stored timestamp back.
pub(crate) fn parse(text: &str, what: &'static str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|err| StoreError::Corrupt {
            what,
            detail: format!("timestamp `{text}`: {err}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_with_fixed_width_so_text_order_is_time_order() {
        let early = Utc.with_ymd_and_hms(2025, 3, 1, 9, 5, 0).unwrap();
        let later = early + chrono::Duration::nanoseconds(1_500);

        assert_eq!(format(early), "2025-03-01T09:05:00.000000000Z");
        assert_eq!(format(later), "2025-03-01T09:05:00.000001500Z");
        assert!(format(early) < format(later));
    }

    #[test]
    fn reads_back_the_same_instant() {
        let instant = Utc.with_ymd_and_hms(2024, 12, 31, 23, 59, 59).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);

        assert_eq!(parse(&format(instant), "test").unwrap(), instant);
    }

    #[test]
    fn reports_an_unreadable_timestamp_as_corrupt() {
        let err = parse("yesterday", "flow").unwrap_err();

        assert!(matches!(err, StoreError::Corrupt { what: "flow", .. }));
    }
}
