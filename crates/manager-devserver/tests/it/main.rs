//! The Manager devserver's tests, one binary: each module drives a real server on loopback.

mod audit;
mod auth;
mod binary;
mod common;
mod demo;
mod errors;
mod examples;
mod faults;
mod hierarchy;
mod listing;
mod machine_users;
mod persistence;
mod pilets;
mod rest;
mod roles;
mod sdl;
mod settings;
mod tokens;
