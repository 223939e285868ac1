//! The Manager devserver's tests, one binary: each module drives a real server on loopback.

mod auth;
mod common;
mod demo;
mod examples;
mod hierarchy;
mod listing;
mod rest;
mod roles;
mod settings;
mod tokens;
