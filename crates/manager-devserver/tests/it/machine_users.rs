//! machine_users
