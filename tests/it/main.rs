//! Integration tests: the real `concerto` binary against a real Synapse, driven by real Matrix
//! clients. One test binary, so that it links once. See `helpers` for the harness.

mod helpers;

mod advocacy;
mod agenda;
mod burst;
mod commands;
mod configuration;
mod contacts;
mod demo;
mod email;
mod email_limits;
mod encryption;
mod groups;
mod invitations;
mod links;
mod meetings;
mod operations;
mod outage;
mod polls;
mod privacy;
mod record;
mod reminders;
mod restarts;
mod smtp;
mod trainings;
mod upgrades;
mod web;
