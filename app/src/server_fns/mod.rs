//! Server functions, one small file per domain. Each is a thin wrapper: extract the request
//! context, call a service, map the error.

pub mod accounts;
pub mod frameworks;
pub mod session;
