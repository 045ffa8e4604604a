//! Concerto: a Matrix bot for associations that coordinate together.
//!
//! The direction of dependencies is the one rule of the layout: the grammar ([`command`]), the
//! domain ([`domain`]) and the texts ([`i18n`], [`replies`]) are pure; [`storage`] is the only
//! code that speaks SQL and [`matrix`] the only code that speaks Matrix; [`service`] joins them,
//! and [`app`] wires everything together for the binary.

pub mod app;
pub mod calendar;
pub mod command;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod matrix;
pub mod replies;
pub mod service;
pub mod storage;
pub mod telemetry;
#[cfg(test)]
mod testing;
