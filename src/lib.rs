//! ccr-desk: a desktop client for the CCR management API, and a CCR-compatible sandbox server.
//!
//! The library holds everything the two binaries use: [`api`], a typed client for the CCR
//! management API, and [`sandbox`], a CCR-compatible server with real persistence that tests
//! and the app's first run talk to over real HTTP on loopback.

pub mod api;
pub mod sandbox;
