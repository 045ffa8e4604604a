//! Concerto: a Matrix bot for associations that coordinate together.
//!
//! The direction of dependencies is the one rule of the layout: the grammar ([`command`]), the
//! domain ([`domain`]) and the texts ([`i18n`], [`replies`]) are pure; [`storage`] is the only
//! code that speaks SQL and [`matrix`] the only code that speaks Matrix; [`service`] joins them.
//! Three long-lived tasks run side by side: the Matrix sync loop (events in), the [`sender`]
//! (the outbox out) and the [`clock`] (what falls due at a time); [`app`] starts them.

pub mod app;
pub mod backup;
pub mod calendar;
pub mod clock;
pub mod command;
pub mod config;
#[cfg(test)]
mod docs_tests;
pub mod domain;
pub mod email;
pub mod export;
pub mod i18n;
pub mod matrix;
pub mod panics;
pub mod pdf;
pub mod replies;
pub mod sender;
pub mod service;
pub mod storage;
pub mod telemetry;
#[cfg(test)]
mod testing;
pub mod web;
