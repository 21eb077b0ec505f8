//! Federation: the transport between Missive backends.
//!
//! - [`discovery`]: where a backend's federator is (DNS SRV, or a static table).
//! - [`ingress`]: who is calling — the origin domain a request names must be
//!   discovered to a host that the client certificate names, and allowed.
//! - [`client`]: calls to other backends, the implementation of the
//!   domain's [`Remotes`](crate::domain::federation::Remotes).
//!
//! Mutual TLS is rustls (ring) through tonic; trust anchors are the
//! configured CA bundle only, never the system store.

pub mod client;
pub mod discovery;
pub mod ingress;

use crate::domain::ids::BackendDomain;
use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock};
use tonic::transport::{Certificate, Identity};

/// Metadata naming the calling backend's domain.
pub const ORIGIN_HEADER: &str = "missive-origin-domain";

/// The `domain` of every `google.rpc.ErrorInfo` federation answers with.
pub const ERROR_DOMAIN: &str = "federation.missive";

/// Which backends may federate with this one, both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowPolicy {
    AllowAll,
    AllowList(BTreeSet<BackendDomain>),
    DenyAll,
}

impl AllowPolicy {
    pub fn allows(&self, domain: &BackendDomain) -> bool {
        match self {
            AllowPolicy::AllowAll => true,
            AllowPolicy::AllowList(allowed) => allowed.contains(domain),
            AllowPolicy::DenyAll => false,
        }
    }

    /// `*` (allow_all), `none` (deny_all), or a comma-separated list of
    /// backend domains (allow_list).
    pub fn parse(text: &str) -> Result<AllowPolicy, String> {
        match text.trim() {
            "*" => Ok(AllowPolicy::AllowAll),
            "" | "none" => Ok(AllowPolicy::DenyAll),
            list => list
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(BackendDomain::parse)
                .collect::<Result<BTreeSet<_>, _>>()
                .map(AllowPolicy::AllowList),
        }
    }
}

/// The allow policy in force. Read by every federation request, both ways;
/// replaced when the configuration is reloaded (SIGHUP), so a change needs
/// no restart.
#[derive(Debug)]
pub struct AllowList(RwLock<AllowPolicy>);

impl AllowList {
    pub fn new(policy: AllowPolicy) -> AllowList {
        AllowList(RwLock::new(policy))
    }

    pub fn allows(&self, domain: &BackendDomain) -> bool {
        self.0.read().unwrap_or_else(PoisonError::into_inner).allows(domain)
    }

    /// Puts `policy` in force; `false` when it was already.
    pub fn replace(&self, policy: AllowPolicy) -> bool {
        let mut current = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let changed = *current != policy;
        *current = policy;
        changed
    }
}

/// What federation needs, checked at start.
#[derive(Debug, Clone)]
pub struct FederationSettings {
    /// `None`: no federation listener (this backend can still call others).
    pub listen: Option<SocketAddr>,
    pub cert_file: PathBuf,
    pub key_file: PathBuf,
    pub ca_file: PathBuf,
    pub name_servers: Vec<SocketAddr>,
    pub peers: HashMap<BackendDomain, discovery::Target>,
    pub allow: AllowPolicy,
}

/// The certificate and key this backend presents, and the CAs it trusts.
#[derive(Clone)]
pub struct TlsMaterial {
    pub identity: Identity,
    pub ca: Certificate,
}

impl TlsMaterial {
    pub fn load(settings: &FederationSettings) -> anyhow::Result<TlsMaterial> {
        let read = |what: &str, path: &Path| {
            std::fs::read(path).map_err(|err| anyhow::anyhow!("federation {what} {}: {err}", path.display()))
        };
        let cert = read("certificate", &settings.cert_file)?;
        let key = read("key", &settings.key_file)?;
        let ca = read("CA bundle", &settings.ca_file)?;
        for (what, pem, path) in [("certificate", &cert, &settings.cert_file), ("CA bundle", &ca, &settings.ca_file)] {
            if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
                anyhow::bail!("federation {what} {}: no PEM certificate in the file", path.display());
            }
        }
        if !String::from_utf8_lossy(&key).contains("PRIVATE KEY-----") {
            anyhow::bail!("federation key {}: no PEM private key in the file", settings.key_file.display());
        }
        Ok(TlsMaterial { identity: Identity::from_pem(cert, key), ca: Certificate::from_pem(ca) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_policy_reads_all_none_or_a_list() {
        assert_eq!(AllowPolicy::parse("*").unwrap(), AllowPolicy::AllowAll);
        assert_eq!(AllowPolicy::parse("").unwrap(), AllowPolicy::DenyAll);
        assert_eq!(AllowPolicy::parse("none").unwrap(), AllowPolicy::DenyAll);
        let list = AllowPolicy::parse("b.example, C.example").unwrap();
        assert!(list.allows(&BackendDomain::parse("b.example").unwrap()));
        assert!(list.allows(&BackendDomain::parse("c.example").unwrap()));
        assert!(!list.allows(&BackendDomain::parse("d.example").unwrap()));
        assert!(AllowPolicy::parse("b.example,not a domain").is_err());
    }
}
