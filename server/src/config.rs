//! Typed configuration. Precedence: command-line flags, then environment
//! variables, then the optional TOML file, then the embedded defaults. A bad
//! value stops the start with one line naming the setting and where it came from.

use clap::Parser;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// Everything the server needs to start; built from [`Args`] or by tests directly.
#[derive(Debug, Clone)]
pub struct Config {
    /// Client API listener (gRPC over HTTP/2 and gRPC-web over HTTP/1.1).
    pub listen: SocketAddr,
    /// Holds the SQLite database and the token signing key by default.
    pub data_dir: PathBuf,
    /// The backend domain that qualifies every id this server owns.
    pub domain: String,
    /// `sqlite:…` or `postgres://…`; `None` means SQLite in the data directory.
    pub database_url: Option<String>,
    /// `redis://…` for the Redis event bus (several instances); `None` means
    /// the in-process bus (one instance).
    pub redis_url: Option<String>,
    /// Ed25519 seed (32 raw bytes) that signs access tokens; generated on first
    /// start when absent. `None` means `<data_dir>/token-signing.key`.
    pub token_key_file: Option<PathBuf>,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub device_challenge_ttl: Duration,
    pub max_devices_per_user: u32,
    /// Login attempts per minute per handle (also the burst).
    pub login_attempts_per_handle: u32,
    /// Unauthenticated account calls per minute per peer address (also the burst).
    pub login_attempts_per_address: u32,
    /// Largest request message the server decodes.
    pub max_request_bytes: usize,
    /// Unacknowledged events older than this are dropped.
    pub event_retention: Duration,
    /// Interval of heartbeat events on open streams.
    pub heartbeat_interval: Duration,
    pub max_ciphertext_bytes: usize,
    /// Recipient devices one message may address.
    pub max_recipients: usize,
    pub max_group_size: u32,
    /// Sent or accepted connections per user.
    pub max_connections_per_user: u32,
}

impl Config {
    /// The embedded default: loopback, `./missive-data`, SQLite, domain `localhost`.
    pub fn embedded_default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            data_dir: PathBuf::from("./missive-data"),
            domain: "localhost".to_owned(),
            database_url: None,
            redis_url: None,
            token_key_file: None,
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            device_challenge_ttl: Duration::from_secs(60),
            max_devices_per_user: 8,
            login_attempts_per_handle: 10,
            login_attempts_per_address: 60,
            max_request_bytes: 4 * 1024 * 1024,
            event_retention: Duration::from_secs(28 * 24 * 3600),
            heartbeat_interval: Duration::from_secs(30),
            max_ciphertext_bytes: 256 * 1024,
            max_recipients: 16 * 1024,
            max_group_size: 2000,
            max_connections_per_user: 1000,
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("missive.db").display()),
        }
    }

    pub fn token_key_path(&self) -> PathBuf {
        self.token_key_file.clone().unwrap_or_else(|| self.data_dir.join("token-signing.key"))
    }

    /// Resolves flags and environment (already merged by clap) over the file
    /// and the defaults.
    pub fn from_args(args: Args) -> Result<Config, ConfigError> {
        let file = match &args.config {
            Some(path) => FileConfig::load(Path::new(path))?,
            None => FileConfig::default(),
        };
        let defaults = Config::embedded_default();
        let listen = setting("listen", "--listen / MISSIVE_LISTEN", args.listen, file.listen, defaults.listen)?;
        let data_dir = args.data_dir.or(file.data_dir).map(PathBuf::from).unwrap_or(defaults.data_dir);
        let domain = args.domain.or(file.domain).unwrap_or(defaults.domain);
        validate_domain(&domain)?;
        let database_url = args.database_url.or(file.database_url).filter(|url| !url.is_empty());
        if let Some(url) = &database_url
            && missive_db::Backend::of_url(url).is_none()
        {
            return Err(ConfigError(format!(
                "invalid database_url (--database-url / DATABASE_URL) {}: expected sqlite:… or postgres://…",
                missive_db::redact(url)
            )));
        }
        let redis_url = args.redis_url.or(file.redis_url).filter(|url| !url.is_empty());
        if let Some(url) = &redis_url
            && !(url.starts_with("redis://") || url.starts_with("rediss://"))
        {
            return Err(ConfigError(format!(
                "invalid redis_url (--redis-url / REDIS_URL) {}: expected redis://…",
                missive_db::redact(url)
            )));
        }
        let token_key_file = args.token_key_file.or(file.token_key_file).map(PathBuf::from);
        let seconds = |name, source, cli: Option<String>, file: Option<u64>, default: Duration| {
            let secs: u64 = setting(name, source, cli, file, default.as_secs())?;
            if secs == 0 {
                return Err(ConfigError(format!("invalid {name} ({source}): must be at least 1 second")));
            }
            Ok(Duration::from_secs(secs))
        };
        let positive = |name, source, cli: Option<String>, file: Option<u32>, default: u32| {
            let value: u32 = setting(name, source, cli, file, default)?;
            if value == 0 {
                return Err(ConfigError(format!("invalid {name} ({source}): must be at least 1")));
            }
            Ok(value)
        };
        Ok(Config {
            listen,
            data_dir,
            domain,
            database_url,
            redis_url,
            token_key_file,
            access_token_ttl: seconds(
                "access_token_ttl_secs",
                "--access-token-ttl-secs / MISSIVE_ACCESS_TOKEN_TTL_SECS",
                args.access_token_ttl_secs,
                file.access_token_ttl_secs,
                defaults.access_token_ttl,
            )?,
            refresh_token_ttl: seconds(
                "refresh_token_ttl_secs",
                "--refresh-token-ttl-secs / MISSIVE_REFRESH_TOKEN_TTL_SECS",
                args.refresh_token_ttl_secs,
                file.refresh_token_ttl_secs,
                defaults.refresh_token_ttl,
            )?,
            device_challenge_ttl: seconds(
                "device_challenge_ttl_secs",
                "--device-challenge-ttl-secs / MISSIVE_DEVICE_CHALLENGE_TTL_SECS",
                args.device_challenge_ttl_secs,
                file.device_challenge_ttl_secs,
                defaults.device_challenge_ttl,
            )?,
            max_devices_per_user: positive(
                "max_devices_per_user",
                "--max-devices-per-user / MISSIVE_MAX_DEVICES_PER_USER",
                args.max_devices_per_user,
                file.max_devices_per_user,
                defaults.max_devices_per_user,
            )?,
            login_attempts_per_handle: positive(
                "login_attempts_per_handle",
                "--login-attempts-per-handle / MISSIVE_LOGIN_ATTEMPTS_PER_HANDLE",
                args.login_attempts_per_handle,
                file.login_attempts_per_handle,
                defaults.login_attempts_per_handle,
            )?,
            login_attempts_per_address: positive(
                "login_attempts_per_address",
                "--login-attempts-per-address / MISSIVE_LOGIN_ATTEMPTS_PER_ADDRESS",
                args.login_attempts_per_address,
                file.login_attempts_per_address,
                defaults.login_attempts_per_address,
            )?,
            max_request_bytes: setting(
                "max_request_bytes",
                "--max-request-bytes / MISSIVE_MAX_REQUEST_BYTES",
                args.max_request_bytes,
                file.max_request_bytes,
                defaults.max_request_bytes,
            )?,
            event_retention: seconds(
                "event_retention_secs",
                "--event-retention-secs / MISSIVE_EVENT_RETENTION_SECS",
                args.event_retention_secs,
                file.event_retention_secs,
                defaults.event_retention,
            )?,
            heartbeat_interval: seconds(
                "heartbeat_interval_secs",
                "--heartbeat-interval-secs / MISSIVE_HEARTBEAT_INTERVAL_SECS",
                args.heartbeat_interval_secs,
                file.heartbeat_interval_secs,
                defaults.heartbeat_interval,
            )?,
            max_ciphertext_bytes: setting(
                "max_ciphertext_bytes",
                "--max-ciphertext-bytes / MISSIVE_MAX_CIPHERTEXT_BYTES",
                args.max_ciphertext_bytes,
                file.max_ciphertext_bytes,
                defaults.max_ciphertext_bytes,
            )?,
            max_recipients: setting(
                "max_recipients",
                "--max-recipients / MISSIVE_MAX_RECIPIENTS",
                args.max_recipients,
                file.max_recipients,
                defaults.max_recipients,
            )?,
            max_group_size: positive(
                "max_group_size",
                "--max-group-size / MISSIVE_MAX_GROUP_SIZE",
                args.max_group_size,
                file.max_group_size,
                defaults.max_group_size,
            )?,
            max_connections_per_user: positive(
                "max_connections_per_user",
                "--max-connections-per-user / MISSIVE_MAX_CONNECTIONS_PER_USER",
                args.max_connections_per_user,
                file.max_connections_per_user,
                defaults.max_connections_per_user,
            )?,
        })
    }
}

/// One line naming the setting that stopped the start.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

/// Flags; each also reads its environment variable. Unset means "from the file
/// or the default", which is why every field is optional text here.
#[derive(Debug, Default, Parser)]
#[command(name = "missive-server", version, about = "Missive secure-messaging backend")]
pub struct Args {
    /// Optional TOML file with any of the settings below (snake_case keys).
    #[arg(long, env = "MISSIVE_CONFIG")]
    pub config: Option<String>,
    /// Address of the client API [default: 127.0.0.1:50051].
    #[arg(long, env = "MISSIVE_LISTEN")]
    pub listen: Option<String>,
    /// Data directory [default: ./missive-data].
    #[arg(long, env = "MISSIVE_DATA_DIR")]
    pub data_dir: Option<String>,
    /// Backend domain [default: localhost].
    #[arg(long, env = "MISSIVE_DOMAIN")]
    pub domain: Option<String>,
    /// sqlite:… or postgres://… [default: SQLite in the data directory].
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// redis://… to share events between instances [default: in-process bus].
    #[arg(long, env = "REDIS_URL")]
    pub redis_url: Option<String>,
    /// Access-token signing key file [default: <data-dir>/token-signing.key].
    #[arg(long, env = "MISSIVE_TOKEN_KEY_FILE")]
    pub token_key_file: Option<String>,
    #[arg(long, env = "MISSIVE_ACCESS_TOKEN_TTL_SECS")]
    pub access_token_ttl_secs: Option<String>,
    #[arg(long, env = "MISSIVE_REFRESH_TOKEN_TTL_SECS")]
    pub refresh_token_ttl_secs: Option<String>,
    #[arg(long, env = "MISSIVE_DEVICE_CHALLENGE_TTL_SECS")]
    pub device_challenge_ttl_secs: Option<String>,
    #[arg(long, env = "MISSIVE_MAX_DEVICES_PER_USER")]
    pub max_devices_per_user: Option<String>,
    #[arg(long, env = "MISSIVE_LOGIN_ATTEMPTS_PER_HANDLE")]
    pub login_attempts_per_handle: Option<String>,
    #[arg(long, env = "MISSIVE_LOGIN_ATTEMPTS_PER_ADDRESS")]
    pub login_attempts_per_address: Option<String>,
    #[arg(long, env = "MISSIVE_MAX_REQUEST_BYTES")]
    pub max_request_bytes: Option<String>,
    #[arg(long, env = "MISSIVE_EVENT_RETENTION_SECS")]
    pub event_retention_secs: Option<String>,
    #[arg(long, env = "MISSIVE_HEARTBEAT_INTERVAL_SECS")]
    pub heartbeat_interval_secs: Option<String>,
    #[arg(long, env = "MISSIVE_MAX_CIPHERTEXT_BYTES")]
    pub max_ciphertext_bytes: Option<String>,
    #[arg(long, env = "MISSIVE_MAX_RECIPIENTS")]
    pub max_recipients: Option<String>,
    #[arg(long, env = "MISSIVE_MAX_GROUP_SIZE")]
    pub max_group_size: Option<String>,
    #[arg(long, env = "MISSIVE_MAX_CONNECTIONS_PER_USER")]
    pub max_connections_per_user: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    data_dir: Option<String>,
    domain: Option<String>,
    database_url: Option<String>,
    redis_url: Option<String>,
    token_key_file: Option<String>,
    access_token_ttl_secs: Option<u64>,
    refresh_token_ttl_secs: Option<u64>,
    device_challenge_ttl_secs: Option<u64>,
    max_devices_per_user: Option<u32>,
    login_attempts_per_handle: Option<u32>,
    login_attempts_per_address: Option<u32>,
    max_request_bytes: Option<usize>,
    event_retention_secs: Option<u64>,
    heartbeat_interval_secs: Option<u64>,
    max_ciphertext_bytes: Option<usize>,
    max_recipients: Option<usize>,
    max_group_size: Option<u32>,
    max_connections_per_user: Option<u32>,
}

impl FileConfig {
    fn load(path: &Path) -> Result<FileConfig, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| ConfigError(format!("cannot read config file {}: {err}", path.display())))?;
        toml::from_str(&text).map_err(|err| {
            let reason = err.message().to_owned();
            ConfigError(format!("config file {}: {reason}", path.display()))
        })
    }
}

fn setting<T>(name: &str, source: &str, cli: Option<String>, file: Option<T>, default: T) -> Result<T, ConfigError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    match cli {
        Some(text) => {
            text.trim().parse().map_err(|err| ConfigError(format!("invalid {name} ({source}) {text:?}: {err}")))
        }
        None => Ok(file.unwrap_or(default)),
    }
}

fn validate_domain(domain: &str) -> Result<(), ConfigError> {
    let valid_label = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if domain.len() > 253 || !domain.split('.').all(valid_label) {
        return Err(ConfigError(format!(
            "invalid domain (--domain / MISSIVE_DOMAIN) {domain:?}: expected a lowercase DNS name such as a.example"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_give_the_embedded_default() {
        let config = Config::from_args(Args::default()).expect("defaults are valid");
        assert_eq!(config.listen.to_string(), "127.0.0.1:50051");
        assert_eq!(config.domain, "localhost");
        assert!(config.database_url().starts_with("sqlite://"));
    }

    #[test]
    fn a_bad_listen_value_names_the_setting() {
        let args = Args { listen: Some("nope".into()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert!(err.contains("listen") && err.contains("MISSIVE_LISTEN"), "{err}");
    }

    #[test]
    fn a_bad_domain_is_refused() {
        let args = Args { domain: Some("Not A Domain".into()), ..Args::default() };
        assert!(Config::from_args(args).unwrap_err().to_string().contains("domain"));
    }

    #[test]
    fn file_values_apply_below_flags() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missive.toml");
        std::fs::write(&path, "domain = \"a.example\"\nmax_devices_per_user = 3\n").unwrap();
        let args = Args {
            config: Some(path.display().to_string()),
            max_devices_per_user: Some("5".into()),
            ..Args::default()
        };
        let config = Config::from_args(args).unwrap();
        assert_eq!(config.domain, "a.example");
        assert_eq!(config.max_devices_per_user, 5);
    }

    #[test]
    fn an_unknown_file_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missive.toml");
        std::fs::write(&path, "listn = \"127.0.0.1:1\"\n").unwrap();
        let args = Args { config: Some(path.display().to_string()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert!(err.contains("listn"), "{err}");
    }

    #[test]
    fn zero_ttl_is_refused() {
        let args = Args { access_token_ttl_secs: Some("0".into()), ..Args::default() };
        assert!(Config::from_args(args).unwrap_err().to_string().contains("access_token_ttl_secs"));
    }
}
