//! Login attempt limits per handle and per peer address (governor's GCRA).
//! Per instance: with several instances the effective limit is multiplied by
//! their number, which still bounds password guessing.

use crate::error::{DomainError, DomainResult};
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

pub struct LoginLimiter {
    by_handle: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    /// Both limits are attempts per minute, with the same number as burst.
    pub fn new(per_handle_per_minute: u32, per_address_per_minute: u32) -> LoginLimiter {
        let quota = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
            Quota::per_minute(n).allow_burst(n)
        };
        LoginLimiter {
            by_handle: RateLimiter::keyed(quota(per_handle_per_minute)),
            by_address: RateLimiter::keyed(quota(per_address_per_minute)),
        }
    }

    pub fn check_handle(&self, handle: &str) -> DomainResult<()> {
        self.by_handle.check_key(&handle.to_owned()).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            DomainError::RateLimited {
                message: format!("too many login attempts for this handle; retry in {} s", wait.as_secs().max(1)),
                retry_after: wait,
            }
        })
    }

    /// Without a known peer address (e.g. a Unix socket) only the handle limit applies.
    pub fn check_address(&self, address: Option<IpAddr>) -> DomainResult<()> {
        let Some(address) = address else { return Ok(()) };
        self.by_address.check_key(&address).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            DomainError::RateLimited {
                message: format!(
                    "too many authentication attempts from this address; retry in {} s",
                    wait.as_secs().max(1)
                ),
                retry_after: wait,
            }
        })
    }

    /// Forgets keys whose state is back to full; called periodically so the
    /// maps do not grow with every handle ever tried.
    pub fn prune(&self) {
        self.by_handle.retain_recent();
        self.by_address.retain_recent();
        self.by_handle.shrink_to_fit();
        self.by_address.shrink_to_fit();
    }
}
