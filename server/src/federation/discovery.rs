//! Where another backend's federator is: DNS SRV
//! `_missive-federator._tcp.<backend domain>`, or the operator's static
//! table for hosts without DNS.
//!
//! Records of equal priority are ordered by weight as RFC 2782 says (a
//! weighted random pick, then the next among the rest), so load spreads as
//! the domain's owner asked. Answers are cached by the resolver for their
//! TTL. The name servers are configurable, so a test or a demo can run its
//! own DNS server on loopback.

use crate::domain::ids::BackendDomain;
use hickory_resolver::TokioResolver;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RData;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// How long a connection found through the static table is kept.
const STATIC_TARGET_LIFE: Duration = Duration::from_secs(3600);

/// The SRV service label of a Missive federator.
pub const SRV_PREFIX: &str = "_missive-federator._tcp.";

/// One federator endpoint: the host its certificate must name, and its port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub priority: u16,
    pub weight: u16,
}

#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    #[error("no federator is published for backend {domain} ({SRV_PREFIX}{domain}): {reason}")]
    NoRecord { domain: BackendDomain, reason: String },
    #[error("federator host {host} has no address: {reason}")]
    NoAddress { host: String, reason: String },
}

pub struct Discovery {
    resolver: TokioResolver,
    overrides: HashMap<BackendDomain, Target>,
}

impl Discovery {
    /// `name_servers` empty: the system's (`/etc/resolv.conf`).
    pub fn new(name_servers: &[SocketAddr], overrides: HashMap<BackendDomain, Target>) -> anyhow::Result<Discovery> {
        let provider = TokioRuntimeProvider::default();
        let builder = if name_servers.is_empty() {
            TokioResolver::builder_tokio()?
        } else {
            let servers = name_servers
                .iter()
                .map(|server| {
                    let mut udp = ConnectionConfig::udp();
                    udp.port = server.port();
                    let mut tcp = ConnectionConfig::tcp();
                    tcp.port = server.port();
                    NameServerConfig::new(server.ip(), true, vec![udp, tcp])
                })
                .collect();
            TokioResolver::builder_with_config(ResolverConfig::from_parts(None, Vec::new(), servers), provider)
        };
        Ok(Discovery { resolver: builder.build()?, overrides })
    }

    /// The federators of `domain`, in the order to try them, and until when
    /// the answer holds (its TTL).
    pub async fn locate(&self, domain: &BackendDomain) -> Result<(Vec<Target>, Instant), DiscoveryError> {
        if let Some(target) = self.overrides.get(domain) {
            return Ok((vec![target.clone()], Instant::now() + STATIC_TARGET_LIFE));
        }
        let name = format!("{SRV_PREFIX}{domain}.");
        let no_record = |reason: String| DiscoveryError::NoRecord { domain: domain.clone(), reason };
        let lookup = self.resolver.srv_lookup(name.as_str()).await.map_err(|err| no_record(err.to_string()))?;
        let targets: Vec<Target> = lookup
            .answers()
            .iter()
            .filter_map(|record| match &record.data {
                RData::SRV(srv) => Some(Target {
                    host: srv.target.to_ascii().trim_end_matches('.').to_ascii_lowercase(),
                    port: srv.port,
                    priority: srv.priority,
                    weight: srv.weight,
                }),
                _ => None,
            })
            // "." as the target: the service is decidedly not available (RFC 2782).
            .filter(|target| !target.host.is_empty())
            .collect();
        if targets.is_empty() {
            return Err(no_record("the SRV answer names no target".to_owned()));
        }
        Ok((order(targets, &mut random_u32), lookup.valid_until()))
    }

    /// The addresses of a federator host (an IP literal is its own).
    pub async fn addresses(&self, host: &str) -> Result<Vec<IpAddr>, DiscoveryError> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![ip]);
        }
        let no_address = |reason: String| DiscoveryError::NoAddress { host: host.to_owned(), reason };
        let fqdn = format!("{host}.");
        let found = self.resolver.lookup_ip(fqdn.as_str()).await.map_err(|err| no_address(err.to_string()))?;
        let addresses: Vec<IpAddr> = found.iter().collect();
        if addresses.is_empty() {
            return Err(no_address("no A or AAAA record".to_owned()));
        }
        Ok(addresses)
    }
}

/// RFC 2782 order: ascending priority; within one priority, repeatedly a
/// weighted random pick among the records left (weight 0 records can still
/// be picked, after the weighted ones are more likely).
fn order(mut targets: Vec<Target>, random: &mut dyn FnMut() -> u32) -> Vec<Target> {
    targets.sort_by_key(|target| target.priority);
    let mut ordered = Vec::with_capacity(targets.len());
    while !targets.is_empty() {
        let priority = targets[0].priority;
        let same = targets.iter().take_while(|target| target.priority == priority).count();
        let mut group: Vec<Target> = targets.drain(..same).collect();
        while !group.is_empty() {
            let total: u64 = group.iter().map(|target| u64::from(target.weight) + 1).sum();
            let mut pick = u64::from(random()) % total;
            let index = group
                .iter()
                .position(|target| {
                    let share = u64::from(target.weight) + 1;
                    if pick < share {
                        true
                    } else {
                        pick -= share;
                        false
                    }
                })
                .unwrap_or(0);
            ordered.push(group.remove(index));
        }
    }
    ordered
}

fn random_u32() -> u32 {
    let mut bytes = [0u8; 4];
    // Only spreads load: a failed read falls back to the first record.
    let _ = getrandom::fill(&mut bytes);
    u32::from_le_bytes(bytes)
}

/// `host:port`, the form of the static table's values.
pub fn parse_target(text: &str) -> Result<Target, String> {
    let (host, port) = text.rsplit_once(':').ok_or_else(|| format!("{text:?}: expected host:port"))?;
    let port: u16 = port.parse().map_err(|_| format!("{text:?}: the port must be a number from 1 to 65535"))?;
    if port == 0 || host.is_empty() {
        return Err(format!("{text:?}: expected host:port"));
    }
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    Ok(Target { host, port, priority: 0, weight: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(host: &str, priority: u16, weight: u16) -> Target {
        Target { host: host.to_owned(), port: 8443, priority, weight }
    }

    #[test]
    fn lower_priority_always_comes_first() {
        let targets = vec![target("c", 20, 0), target("a", 10, 0), target("b", 10, 0)];
        let mut zero = || 0;
        let hosts: Vec<String> = order(targets, &mut zero).into_iter().map(|t| t.host).collect();
        assert_eq!(hosts, ["a", "b", "c"]);
    }

    #[test]
    fn within_a_priority_weight_sets_how_often_a_record_is_first() {
        let mut state = 0x2545_f491_u32;
        let mut xorshift = move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        let mut heavy_first = 0;
        for _ in 0..10_000 {
            let targets = vec![target("light", 10, 9), target("heavy", 10, 89)];
            if order(targets, &mut xorshift)[0].host == "heavy" {
                heavy_first += 1;
            }
        }
        // Shares 90 : 10 (weight + 1).
        assert!((8_700..=9_300).contains(&heavy_first), "heavy first {heavy_first} times in 10,000");
    }

    #[test]
    fn static_targets_parse_or_say_why_not() {
        assert_eq!(parse_target("Fed.B.example:8443").unwrap().host, "fed.b.example");
        assert_eq!(parse_target("[::1]:8443").unwrap().host, "::1");
        assert!(parse_target("fed.b.example").is_err());
        assert!(parse_target("fed.b.example:0").is_err());
        assert!(parse_target(":8443").is_err());
    }
}
