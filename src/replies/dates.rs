//! Dates, times and typography as the room's language writes them. The patterns are the
//! texts' (`date-*`, `number-sign`, `quoted`, `labelled`, `list-semicolon` in `locales/*/concerto.ftl`): chrono's strftime
//! with the language's names of days and months, and the two things strftime cannot say —
//! the day of the month as the language writes it (French "1er") and a time of day without
//! its minutes on the hour (French "14 h").

use std::fmt::Write;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc, Weekday};

use super::wording::Wording;
use crate::domain::Language;

/// The names of days and months of a language, as chrono has them.
fn locale(language: Language) -> chrono::Locale {
    match language {
        Language::Fr => chrono::Locale::fr_FR,
        Language::En => chrono::Locale::en_GB,
    }
}

impl Wording<'_> {
    /// "jeudi 10 décembre 2026 à 14 h", "mardi 1er décembre 2026 à 18 h 30", or "Thursday
    /// 10 December 2026, 2:00 pm": a moment, in the group's time zone.
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.time_zone);
        let pattern = self.format(
            "date-with-time",
            &[
                ("day", self.day_of_month(local.day()).into()),
                ("time", self.time_of_day(local.time()).into()),
            ],
        );
        written(
            local.format_localized(&pattern, locale(self.language)),
            || local.format("%Y-%m-%d %H:%M").to_string(),
        )
    }

    /// "30 novembre 2026" or "30 November 2026": a day in words.
    pub fn day_in_words(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.time_zone);
        let pattern = self.format(
            "date-in-words",
            &[("day", self.day_of_month(local.day()).into())],
        );
        written(
            local.format_localized(&pattern, locale(self.language)),
            || local.format("%Y-%m-%d").to_string(),
        )
    }

    /// "10/12/2026" or "10 Dec 2026": the day of a moment, short.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        self.day(at.with_timezone(&self.time_zone).date_naive())
    }

    /// "15/12/2026" or "15 Dec 2026": a day, short.
    pub fn day(&self, day: NaiveDate) -> String {
        let pattern = self.format("date-short", &[("day", day.day().into())]);
        written(
            day.format_localized(&pattern, locale(self.language)),
            || day.format("%Y-%m-%d").to_string(),
        )
    }

    /// "14 h", "18 h 30" or "2:00 pm".
    pub fn time_of_day(&self, time: NaiveTime) -> String {
        let pattern = self.format("date-time-of-day", &[("minute", time.minute().into())]);
        // A time has no names to translate: "am" and "pm" are written as chrono has them.
        written(time.format(&pattern), || time.format("%H:%M").to_string())
    }

    /// "lundi" or "Monday".
    pub fn weekday(&self, weekday: Weekday) -> String {
        // Any week will do: its day `weekday` is named.
        let Some(day) = NaiveDate::from_isoywd_opt(2026, 1, weekday) else {
            return weekday.to_string();
        };
        let pattern = self.get("date-weekday");
        written(
            day.format_localized(&pattern, locale(self.language)),
            || weekday.to_string(),
        )
    }

    /// "n° 3" or "no. 3".
    pub fn number(&self, number: impl std::fmt::Display) -> String {
        self.format("number-sign", &[("number", number.to_string().into())])
    }

    /// « Budget FEAD » or “FEAD budget”: a text quoted (as given: escape it first if need be).
    pub fn quoted(&self, text: &str) -> String {
        self.format("quoted", &[("text", text.into())])
    }

    /// "Lieu : Melun" or "Place: Melun": a label and its value (as given: escape them first
    /// if need be).
    pub fn labelled(&self, label: &str, value: &str) -> String {
        self.format(
            "labelled",
            &[("label", label.into()), ("value", value.into())],
        )
    }

    /// "a ; b" or "a; b": items of a list that commas would not separate clearly.
    pub fn semicolons(&self, items: &[String]) -> String {
        items.join(&self.get("list-semicolon"))
    }

    fn day_of_month(&self, day: u32) -> String {
        self.format("date-day-of-month", &[("day", day.into())])
    }
}

/// `formatted` written out; a pattern chrono cannot read (a mistake in the texts) gives
/// `fallback` (an ISO form) instead of a panic.
fn written(formatted: impl std::fmt::Display, fallback: impl FnOnce() -> String) -> String {
    let mut written = String::new();
    if write!(written, "{formatted}").is_err() {
        return fallback();
    }
    written
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Paris;

    use super::*;
    use crate::i18n::Texts;
    use crate::testing::at;

    fn both(test: impl Fn(Wording<'_>, Wording<'_>)) {
        let texts = Texts::new().expect("texts");
        test(
            Wording::new(&texts, Language::Fr, Paris),
            Wording::new(&texts, Language::En, Paris),
        );
    }

    #[test]
    fn a_day_in_words_names_its_month() {
        both(|fr, en| {
            assert_eq!(
                fr.day_in_words(at("2026-11-30T10:00:00Z")),
                "30 novembre 2026"
            );
            assert_eq!(
                fr.day_in_words(at("2026-12-01T10:00:00Z")),
                "1er décembre 2026"
            );
            assert_eq!(
                en.day_in_words(at("2026-11-30T10:00:00Z")),
                "30 November 2026"
            );
        });
    }

    #[test]
    fn dates_read_naturally_in_both_languages_in_the_room_time_zone() {
        both(|fr, en| {
            let at_two = at("2026-12-10T13:00:00Z");
            assert_eq!(fr.date_time(at_two), "jeudi 10 décembre 2026 à 14 h");
            assert_eq!(en.date_time(at_two), "Thursday 10 December 2026, 2:00 pm");
            assert_eq!(fr.date(at_two), "10/12/2026");
            assert_eq!(en.date(at_two), "10 Dec 2026");
            // Late in the evening in Paris is already the next day in UTC: the group's day.
            let late = at("2026-12-10T23:30:00Z");
            assert_eq!(fr.date(late), "11/12/2026");
            let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
            assert_eq!(fr.day(day), "01/12/2026");
            assert_eq!(en.day(day), "1 Dec 2026");
        });
    }

    #[test]
    fn french_dates_follow_french_typography() {
        both(|fr, en| {
            // 1 December 2026, 9:00 in Paris (UTC+1).
            let first = at("2026-12-01T08:00:00Z");
            assert_eq!(fr.date_time(first), "mardi 1er décembre 2026 à 9 h");
            assert_eq!(en.date_time(first), "Tuesday 1 December 2026, 9:00 am");
            let half_past_six = at("2026-12-01T17:30:00Z");
            assert_eq!(
                fr.date_time(half_past_six),
                "mardi 1er décembre 2026 à 18 h 30"
            );
            let five_past_nine = at("2026-12-02T08:05:00Z");
            assert_eq!(
                fr.date_time(five_past_nine),
                "mercredi 2 décembre 2026 à 9 h 05"
            );
        });
    }

    #[test]
    fn times_weekdays_numbers_and_quotes_follow_each_language() {
        both(|fr, en| {
            let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("a time");
            let half_past = NaiveTime::from_hms_opt(18, 30, 0).expect("a time");
            assert_eq!(fr.time_of_day(nine), "9 h");
            assert_eq!(fr.time_of_day(half_past), "18 h 30");
            assert_eq!(en.time_of_day(nine), "9:00 am");
            assert_eq!(en.time_of_day(half_past), "6:30 pm");
            assert_eq!(fr.weekday(Weekday::Mon), "lundi");
            assert_eq!(en.weekday(Weekday::Mon), "Monday");
            assert_eq!(fr.number(3), "n° 3");
            assert_eq!(en.number(3), "no. 3");
            assert_eq!(fr.quoted("Budget"), "« Budget »");
            assert_eq!(en.quoted("Budget"), "“Budget”");
            assert_eq!(fr.labelled("Lieu", "Melun"), "Lieu : Melun");
            assert_eq!(en.labelled("Place", "Melun"), "Place: Melun");
            let items = ["a".to_owned(), "b".to_owned()];
            assert_eq!(fr.semicolons(&items), "a ; b");
            assert_eq!(en.semicolons(&items), "a; b");
        });
    }

    #[test]
    fn a_pattern_chrono_cannot_read_gives_the_iso_form_not_a_panic() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
        assert_eq!(
            written(day.format("%Q %Y"), || day.format("%Y-%m-%d").to_string()),
            "2026-12-01"
        );
    }
}
