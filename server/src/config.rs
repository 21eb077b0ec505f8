//! The server's settings: what each one is, where it can be given, and how its
//! text becomes a typed value in [`Config`].
//!
//! Each setting is declared exactly once, as a row of the `settings!` table
//! below. From that row the macro generates the [`Config`] field, the clap flag
//! and environment variable in [`Args`], the TOML key the `--config` file may
//! use, the embedded default, and the entry in [`SETTINGS`] that
//! [`markdown_table`] renders into the README's configuration table.
//!
//! Precedence: command-line flags, then environment variables (clap merges the
//! two), then the optional TOML file, then the embedded defaults. A value from
//! any of these goes through the row's parser as text, so a bad value stops the
//! start with one line naming the setting and where it came from.
//!
//! To add a setting: add a row to the table (the field and its type, the TOML
//! key, which is also the `Args` field and, in kebab case, the flag; the
//! environment variable; the default as it would be typed on the command line;
//! a parser from text to the type; a one-line doc; and, when the default is
//! computed rather than written, a `shown:` description of it). Then run the
//! config tests: `the_readme_table_is_generated_from_the_settings` prints the
//! new README table to paste between the markers.

use clap::Parser;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// Declares the settings. Each row reads:
///
/// ```text
/// field: Type {
///     key: toml_key,              // TOML key and `Args` field; the flag is `--toml-key`
///     env: "ENVIRONMENT_VARIABLE",
///     default: "text",            // as typed on the command line; "" when unset
///     shown: "description",       // optional: how to show a computed default
///     secret: true,               // optional: never shown (errors, `--help`)
///     parse: parser,              // fn(&str) -> Result<Type, String>
///     doc: "One line saying what the setting is for.",
/// }
/// ```
macro_rules! settings {
    (@described) => { None };
    (@described $shown:literal) => { Some($shown) };
    (@secret) => { false };
    (@secret $secret:literal) => { $secret };
    ($(
        $field:ident: $ty:ty {
            key: $key:ident,
            env: $env:literal,
            default: $default:literal,
            $(shown: $shown:literal,)?
            $(secret: $secret:literal,)?
            parse: $parse:path,
            doc: $doc:literal $(,)?
        }
    )*) => {
        /// Everything the server needs to start; built from [`Args`] or by tests directly.
        #[derive(Debug, Clone)]
        pub struct Config {
            $(
                #[doc = $doc]
                pub $field: $ty,
            )*
        }

        /// One [`SettingInfo`] per setting, named after its key.
        #[allow(non_upper_case_globals)]
        mod info {
            use super::{SettingInfo, flag_bytes};
            $(
                pub const $key: SettingInfo = SettingInfo {
                    key: stringify!($key),
                    flag: {
                        const FLAG: [u8; stringify!($key).len() + 2] = flag_bytes(stringify!($key));
                        match std::str::from_utf8(&FLAG) {
                            Ok(flag) => flag,
                            Err(_) => panic!("a setting key is ASCII"),
                        }
                    },
                    env: $env,
                    default: $default,
                    default_described: settings!(@described $($shown)?),
                    secret: settings!(@secret $($secret)?),
                    doc: $doc,
                };
            )*
        }

        /// Every setting, in declaration order: the source of `--help` and the README table.
        pub const SETTINGS: &[SettingInfo] = &[$(info::$key),*];

        /// Flags; each also reads its environment variable. Unset means "from the
        /// file or the default", which is why every setting is optional text here.
        #[derive(Debug, Default, Parser)]
        #[command(name = "missive-server", version = VERSION, about = "Missive secure-messaging backend")]
        pub struct Args {
            /// Optional TOML file with any of the settings below (snake_case keys).
            #[arg(long, env = "MISSIVE_CONFIG")]
            pub config: Option<String>,
            $(
                #[doc = $doc]
                #[arg(long, env = $env, help = info::$key.help(), hide_env_values = info::$key.secret)]
                pub $key: Option<String>,
            )*
        }

        impl Config {
            /// The embedded default: loopback, `./missive-data`, SQLite, domain `localhost`.
            pub fn embedded_default() -> Config {
                Config { $($field: default_value(&info::$key, $parse),)* }
            }

            /// Resolves flags and environment (already merged by clap) over the
            /// file and the defaults.
            pub fn from_args(args: Args) -> Result<Config, ConfigError> {
                let mut file = match &args.config {
                    Some(path) => FileSettings::load(Path::new(path))?,
                    None => FileSettings::default(),
                };
                Ok(Config { $($field: resolve(&info::$key, $parse, args.$key, &mut file)?,)* })
            }
        }
    };
}

settings! {
    listen: SocketAddr {
        key: listen,
        env: "MISSIVE_LISTEN",
        default: "127.0.0.1:50051",
        parse: parse_from_str,
        doc: "Address of the client API (gRPC over HTTP/2 and gRPC-web over HTTP/1.1).",
    }
    tls_cert_file: Option<PathBuf> {
        key: tls_cert_file,
        env: "MISSIVE_TLS_CERT_FILE",
        default: "",
        shown: "unset: plaintext",
        parse: optional_path,
        doc: "PEM certificate chain of the client API (leaf first); with `tls_key_file`, the listener speaks TLS only. Reloaded on SIGHUP.",
    }
    tls_key_file: Option<PathBuf> {
        key: tls_key_file,
        env: "MISSIVE_TLS_KEY_FILE",
        default: "",
        shown: "unset: plaintext",
        parse: optional_path,
        doc: "PEM private key of `tls_cert_file` (PKCS#8, SEC1 or PKCS#1). Reloaded on SIGHUP.",
    }
    data_dir: PathBuf {
        key: data_dir,
        env: "MISSIVE_DATA_DIR",
        default: "./missive-data",
        parse: path,
        doc: "Directory that holds the SQLite database and the token signing key by default.",
    }
    domain: String {
        key: domain,
        env: "MISSIVE_DOMAIN",
        default: "localhost",
        parse: dns_name,
        doc: "Backend domain that qualifies every id this server owns (a lowercase DNS name).",
    }
    database_url: Option<String> {
        key: database_url,
        env: "DATABASE_URL",
        default: "",
        shown: "SQLite file in the data dir",
        parse: optional_database_url,
        doc: "`sqlite:…`, or `postgres://…` for PostgreSQL.",
    }
    redis_url: Option<String> {
        key: redis_url,
        env: "REDIS_URL",
        default: "",
        shown: "unset: in-process event bus (one instance)",
        parse: optional_redis_url,
        doc: "`redis://…` or `rediss://…` for the Redis event bus shared by several instances.",
    }
    redis_namespace: String {
        key: redis_namespace,
        env: "MISSIVE_REDIS_NAMESPACE",
        default: "",
        shown: "the backend domain",
        parse: any_text,
        doc: "Prefix of this deployment's Redis keys and channel, so deployments can share a Redis.",
    }
    log_format: LogFormat {
        key: log_format,
        env: "MISSIVE_LOG_FORMAT",
        default: "text",
        parse: parse_from_str,
        doc: "Log lines on stdout: `text` or `json` (one object per line, with the trace id when tracing is on); read at start.",
    }
    token_key_file: Option<PathBuf> {
        key: token_key_file,
        env: "MISSIVE_TOKEN_KEY_FILE",
        default: "",
        shown: "`<data_dir>/token-signing.key`",
        parse: optional_path,
        doc: "Ed25519 seed (32 raw bytes) that signs access tokens; generated on first start when absent.",
    }
    access_token_ttl: Duration {
        key: access_token_ttl_secs,
        env: "MISSIVE_ACCESS_TOKEN_TTL_SECS",
        default: "900",
        parse: secs,
        doc: "Access-token lifetime in seconds (the default is 15 minutes).",
    }
    refresh_token_ttl: Duration {
        key: refresh_token_ttl_secs,
        env: "MISSIVE_REFRESH_TOKEN_TTL_SECS",
        default: "2592000",
        parse: secs,
        doc: "Refresh-token lifetime in seconds (the default is 30 days).",
    }
    device_challenge_ttl: Duration {
        key: device_challenge_ttl_secs,
        env: "MISSIVE_DEVICE_CHALLENGE_TTL_SECS",
        default: "60",
        parse: secs,
        doc: "Seconds a device has to sign its login challenge.",
    }
    max_devices_per_user: u32 {
        key: max_devices_per_user,
        env: "MISSIVE_MAX_DEVICES_PER_USER",
        default: "8",
        parse: positive,
        doc: "Devices one account may register.",
    }
    login_attempts_per_handle: u32 {
        key: login_attempts_per_handle,
        env: "MISSIVE_LOGIN_ATTEMPTS_PER_HANDLE",
        default: "10",
        parse: positive,
        doc: "Login attempts (and device removals) per minute per handle.",
    }
    login_attempts_per_address: u32 {
        key: login_attempts_per_address,
        env: "MISSIVE_LOGIN_ATTEMPTS_PER_ADDRESS",
        default: "60",
        parse: positive,
        doc: "Unauthenticated account calls per minute per peer address.",
    }
    sends_per_device_per_minute: u32 {
        key: sends_per_device_per_minute,
        env: "MISSIVE_SENDS_PER_DEVICE_PER_MINUTE",
        default: "600",
        parse: positive,
        doc: "SendMessage calls per minute per device (shared by all instances with Redis).",
    }
    claims_per_user_per_minute: u32 {
        key: claims_per_user_per_minute,
        env: "MISSIVE_CLAIMS_PER_USER_PER_MINUTE",
        default: "300",
        parse: positive,
        doc: "Prekey and key-package claims per minute per user.",
    }
    searches_per_user_per_minute: u32 {
        key: searches_per_user_per_minute,
        env: "MISSIVE_SEARCHES_PER_USER_PER_MINUTE",
        default: "60",
        parse: positive,
        doc: "SearchUsers calls per minute per user.",
    }
    connection_requests_per_user_per_minute: u32 {
        key: connection_requests_per_user_per_minute,
        env: "MISSIVE_CONNECTION_REQUESTS_PER_USER_PER_MINUTE",
        default: "30",
        parse: positive,
        doc: "Connection requests per minute per user.",
    }
    subscriptions_per_device_per_minute: u32 {
        key: subscriptions_per_device_per_minute,
        env: "MISSIVE_SUBSCRIPTIONS_PER_DEVICE_PER_MINUTE",
        default: "60",
        parse: positive,
        doc: "Subscribe calls per minute per device.",
    }
    federation_requests_per_origin_per_minute: u32 {
        key: federation_requests_per_origin_per_minute,
        env: "MISSIVE_FEDERATION_REQUESTS_PER_ORIGIN_PER_MINUTE",
        default: "60000",
        parse: positive,
        doc: "Federation requests per minute from one other backend.",
    }
    max_streams_per_connection: u32 {
        key: max_streams_per_connection,
        env: "MISSIVE_MAX_STREAMS_PER_CONNECTION",
        default: "256",
        parse: positive,
        doc: "Concurrent HTTP/2 streams (calls) one client connection may open; more wait their turn.",
    }
    max_request_bytes: usize {
        key: max_request_bytes,
        env: "MISSIVE_MAX_REQUEST_BYTES",
        default: "4194304",
        parse: parse_from_str,
        doc: "Largest request message the server decodes, in bytes (the default is 4 MiB).",
    }
    event_retention: Duration {
        key: event_retention_secs,
        env: "MISSIVE_EVENT_RETENTION_SECS",
        default: "2419200",
        parse: secs,
        doc: "Unacknowledged events older than this many seconds are dropped (the default is 28 days).",
    }
    heartbeat_interval: Duration {
        key: heartbeat_interval_secs,
        env: "MISSIVE_HEARTBEAT_INTERVAL_SECS",
        default: "30",
        parse: secs,
        doc: "Seconds between heartbeat events on open streams.",
    }
    max_ciphertext_bytes: usize {
        key: max_ciphertext_bytes,
        env: "MISSIVE_MAX_CIPHERTEXT_BYTES",
        default: "262144",
        parse: parse_from_str,
        doc: "Largest ciphertext for one recipient device, in bytes (the default is 256 KiB).",
    }
    max_recipients: usize {
        key: max_recipients,
        env: "MISSIVE_MAX_RECIPIENTS",
        default: "16384",
        parse: parse_from_str,
        doc: "Recipient devices one message may address.",
    }
    max_group_size: u32 {
        key: max_group_size,
        env: "MISSIVE_MAX_GROUP_SIZE",
        default: "2000",
        parse: positive,
        doc: "Members of one group conversation.",
    }
    max_connections_per_user: u32 {
        key: max_connections_per_user,
        env: "MISSIVE_MAX_CONNECTIONS_PER_USER",
        default: "1000",
        parse: positive,
        doc: "Sent or accepted connections per user.",
    }
    max_inflight_writes: u32 {
        key: max_inflight_writes,
        env: "MISSIVE_MAX_INFLIGHT_WRITES",
        default: "0",
        shown: "0: 4 on SQLite (its pool size), 16 on PostgreSQL",
        parse: parse_from_str,
        doc: "Write transactions at once; past it a write waits up to write_wait_ms, then RESOURCE_EXHAUSTED.",
    }
    max_pending_sends: u32 {
        key: max_pending_sends,
        env: "MISSIVE_MAX_PENDING_SENDS",
        default: "0",
        shown: "0: two batches (128) per group-commit worker",
        parse: parse_from_str,
        doc: "Stored sends waiting for or in a group commit at once; past it a send waits up to write_wait_ms, then RESOURCE_EXHAUSTED.",
    }
    write_wait: Duration {
        key: write_wait_ms,
        env: "MISSIVE_WRITE_WAIT_MS",
        default: "50",
        parse: millis,
        doc: "How long a write may wait for a place under load, in milliseconds, before it is refused.",
    }
    federation_listen: Option<SocketAddr> {
        key: federation_listen,
        env: "MISSIVE_FEDERATION_LISTEN",
        default: "",
        shown: "unset: no federation listener",
        parse: optional_socket_addr,
        doc: "Address of the federation listener (gRPC with mutual TLS), e.g. `0.0.0.0:8443`; needs the three federation files.",
    }
    federation_cert_file: Option<PathBuf> {
        key: federation_cert_file,
        env: "MISSIVE_FEDERATION_CERT_FILE",
        default: "",
        shown: "unset: federation off",
        parse: optional_path,
        doc: "PEM certificate chain this backend presents to others; it names the federator host (the SRV target) as a SAN.",
    }
    federation_key_file: Option<PathBuf> {
        key: federation_key_file,
        env: "MISSIVE_FEDERATION_KEY_FILE",
        default: "",
        shown: "unset: federation off",
        parse: optional_path,
        doc: "PEM private key of the federation certificate.",
    }
    federation_ca_file: Option<PathBuf> {
        key: federation_ca_file,
        env: "MISSIVE_FEDERATION_CA_FILE",
        default: "",
        shown: "unset: federation off",
        parse: optional_path,
        doc: "PEM bundle of the CAs whose certificates other backends may present (the system store is not used).",
    }
    federation_dns: Vec<SocketAddr> {
        key: federation_dns,
        env: "MISSIVE_FEDERATION_DNS",
        default: "",
        shown: "the system's name servers",
        parse: socket_addr_list,
        doc: "Comma-separated `ip:port` name servers for SRV discovery of other backends.",
    }
    federation_peers: Vec<(String, String)> {
        key: federation_peers,
        env: "MISSIVE_FEDERATION_PEERS",
        default: "",
        shown: "none: DNS SRV only",
        parse: peer_table,
        doc: "Static discovery table, `domain=host:port,…`, used instead of SRV for the domains it names.",
    }
    federation_retry_max: Duration {
        key: federation_retry_max_ms,
        env: "MISSIVE_FEDERATION_RETRY_MAX_MS",
        default: "30000",
        parse: millis,
        doc: "Longest wait between two delivery attempts to a backend that is down, in milliseconds (the backoff doubles from 250 ms).",
    }
    federation_allow: String {
        key: federation_allow,
        env: "MISSIVE_FEDERATION_ALLOW",
        default: "none",
        parse: allow_policy,
        doc: "Backends to federate with: `*` (all), `none`, or a comma-separated list of backend domains.",
    }
    turn_uris: Vec<String> {
        key: turn_uris,
        env: "MISSIVE_TURN_URIS",
        default: "",
        shown: "unset: no STUN or TURN (calls get no ICE servers)",
        parse: ice_uri_list,
        doc: "Comma-separated `stun:`, `stuns:`, `turn:` and `turns:` URIs handed to callers (docs/calls.md); TURN needs `turn_secret`.",
    }
    turn_secret: Vec<String> {
        key: turn_secret,
        env: "MISSIVE_TURN_SECRET",
        default: "",
        shown: "unset",
        secret: true,
        parse: secret_list,
        doc: "Secrets shared with the TURN servers (coturn `static-auth-secret`), comma-separated: the first signs, the others are for rotation.",
    }
    turn_ttl: Duration {
        key: turn_ttl_secs,
        env: "MISSIVE_TURN_TTL_SECS",
        default: "43200",
        parse: secs,
        doc: "How long TURN credentials are valid, in seconds (the default is 12 hours).",
    }
    asset_store: String {
        key: asset_store,
        env: "MISSIVE_ASSET_STORE",
        default: "",
        shown: "`<data_dir>/assets`",
        parse: asset_store_url,
        doc: "Where asset bytes are kept: a directory (a path or `file:///path`) or an S3-compatible bucket (`s3://bucket[/prefix]`, docs/assets.md).",
    }
    asset_s3_endpoint: Option<String> {
        key: asset_s3_endpoint,
        env: "MISSIVE_ASSET_S3_ENDPOINT",
        default: "",
        shown: "unset: AWS",
        parse: optional_http_url,
        doc: "`http(s)://host:port` of an S3-compatible server other than AWS (path-style requests).",
    }
    asset_s3_region: Option<String> {
        key: asset_s3_region,
        env: "MISSIVE_ASSET_S3_REGION",
        default: "",
        shown: "`AWS_REGION`, else us-east-1",
        parse: optional_text,
        doc: "Region of the bucket.",
    }
    asset_s3_access_key_id: Option<String> {
        key: asset_s3_access_key_id,
        env: "MISSIVE_ASSET_S3_ACCESS_KEY_ID",
        default: "",
        shown: "`AWS_ACCESS_KEY_ID`",
        parse: optional_text,
        doc: "Access key of the bucket; the standard `AWS_*` variables work too.",
    }
    asset_s3_secret_access_key: Option<String> {
        key: asset_s3_secret_access_key,
        env: "MISSIVE_ASSET_S3_SECRET_ACCESS_KEY",
        default: "",
        shown: "`AWS_SECRET_ACCESS_KEY`",
        secret: true,
        parse: optional_text,
        doc: "Secret of that access key.",
    }
    asset_max_bytes: u64 {
        key: asset_max_bytes,
        env: "MISSIVE_ASSET_MAX_BYTES",
        default: "26214400",
        parse: parse_from_str,
        doc: "Largest asset, in bytes (the default is 25 MiB).",
    }
    asset_unfinished_ttl: Duration {
        key: asset_unfinished_ttl_secs,
        env: "MISSIVE_ASSET_UNFINISHED_TTL_SECS",
        default: "86400",
        parse: secs,
        doc: "How long an upload may stay unfinished before the cleanup removes it, in seconds (a day by default).",
    }
    asset_cleanup_interval: Duration {
        key: asset_cleanup_interval_ms,
        env: "MISSIVE_ASSET_CLEANUP_INTERVAL_MS",
        default: "300000",
        parse: millis,
        doc: "How often expired assets and abandoned uploads are removed, in milliseconds.",
    }
    push_apns_key_file: Option<PathBuf> {
        key: push_apns_key_file,
        env: "MISSIVE_PUSH_APNS_KEY_FILE",
        default: "",
        shown: "unset: no APNs",
        parse: optional_path,
        doc: "APNs token-authentication key (the `.p8` file from Apple, PKCS#8 PEM); with `push_apns_key_id` and `push_apns_team_id` (docs/push.md).",
    }
    push_apns_key_id: Option<String> {
        key: push_apns_key_id,
        env: "MISSIVE_PUSH_APNS_KEY_ID",
        default: "",
        shown: "unset",
        parse: optional_text,
        doc: "Key ID of the APNs key (the `kid` of the provider token).",
    }
    push_apns_team_id: Option<String> {
        key: push_apns_team_id,
        env: "MISSIVE_PUSH_APNS_TEAM_ID",
        default: "",
        shown: "unset",
        parse: optional_text,
        doc: "Apple developer Team ID (the `iss` of the provider token).",
    }
    push_apns_url: String {
        key: push_apns_url,
        env: "MISSIVE_PUSH_APNS_URL",
        default: "https://api.push.apple.com",
        parse: http_url,
        doc: "APNs production base URL.",
    }
    push_apns_sandbox_url: String {
        key: push_apns_sandbox_url,
        env: "MISSIVE_PUSH_APNS_SANDBOX_URL",
        default: "https://api.sandbox.push.apple.com",
        parse: http_url,
        doc: "APNs development base URL, for tokens registered as sandbox.",
    }
    push_fcm_service_account_file: Option<PathBuf> {
        key: push_fcm_service_account_file,
        env: "MISSIVE_PUSH_FCM_SERVICE_ACCOUNT_FILE",
        default: "",
        shown: "unset: no FCM",
        parse: optional_path,
        doc: "Google service-account key (JSON) of the Firebase project, for FCM HTTP v1.",
    }
    push_fcm_url: String {
        key: push_fcm_url,
        env: "MISSIVE_PUSH_FCM_URL",
        default: "https://fcm.googleapis.com",
        parse: http_url,
        doc: "FCM base URL (the OAuth2 token endpoint comes from the key file).",
    }
    push_vapid_key_file: Option<PathBuf> {
        key: push_vapid_key_file,
        env: "MISSIVE_PUSH_VAPID_KEY_FILE",
        default: "",
        shown: "unset: no Web Push",
        parse: optional_path,
        doc: "VAPID key of this server for Web Push and UnifiedPush (P-256, PKCS#8 PEM); with `push_vapid_subject`.",
    }
    push_vapid_subject: Option<String> {
        key: push_vapid_subject,
        env: "MISSIVE_PUSH_VAPID_SUBJECT",
        default: "",
        shown: "unset",
        parse: optional_contact,
        doc: "`mailto:` or `https:` contact of the operator, sent to push services (RFC 8292).",
    }
    push_allow_http_endpoints: bool {
        key: push_allow_http_endpoints,
        env: "MISSIVE_PUSH_ALLOW_HTTP_ENDPOINTS",
        default: "false",
        parse: boolean,
        doc: "Accept plain-http Web Push endpoints (a push service on the operator's own network); https only by default.",
    }
    push_collapse: Duration {
        key: push_collapse_ms,
        env: "MISSIVE_PUSH_COLLAPSE_MS",
        default: "250",
        parse: millis,
        doc: "How long a wake-up waits for the rest of a burst of events, in milliseconds.",
    }
    push_min_interval: Duration {
        key: push_min_interval_ms,
        env: "MISSIVE_PUSH_MIN_INTERVAL_MS",
        default: "10000",
        parse: millis,
        doc: "At most one wake-up per device this often, in milliseconds.",
    }
    push_retry_max: Duration {
        key: push_retry_max_ms,
        env: "MISSIVE_PUSH_RETRY_MAX_MS",
        default: "300000",
        parse: millis,
        doc: "Longest wait between two attempts when a push service fails, in milliseconds (the backoff doubles from 1 s).",
    }
}

impl Config {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("missive.db").display()),
        }
    }

    /// STUN and TURN for calls; TURN URIs need a secret to sign with.
    pub fn calls(&self) -> Result<crate::domain::calls::CallSettings, ConfigError> {
        let (turn, stun): (Vec<String>, Vec<String>) =
            self.turn_uris.iter().cloned().partition(|uri| uri.starts_with("turn"));
        if !turn.is_empty() && self.turn_secret.is_empty() {
            return Err(ConfigError("turn_uris names TURN servers but turn_secret is unset".to_owned()));
        }
        Ok(crate::domain::calls::CallSettings {
            stun_uris: stun,
            turn_uris: turn,
            secrets: self.turn_secret.clone(),
            ttl: self.turn_ttl,
        })
    }

    /// Where asset bytes go, and the limits of assets.
    pub fn asset_store(&self) -> Result<crate::blob_store::StoreLocation, ConfigError> {
        use crate::blob_store::{S3Settings, StoreLocation, default_directory};
        let text = self.asset_store.as_str();
        if text.is_empty() {
            return Ok(StoreLocation::Directory(default_directory(&self.data_dir)));
        }
        if let Some(rest) = text.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            return Ok(StoreLocation::S3(S3Settings {
                bucket: bucket.to_owned(),
                prefix: prefix.trim_matches('/').to_owned(),
                endpoint: self.asset_s3_endpoint.clone(),
                region: self.asset_s3_region.clone(),
                access_key_id: self.asset_s3_access_key_id.clone(),
                secret_access_key: self.asset_s3_secret_access_key.clone(),
            }));
        }
        Ok(StoreLocation::Directory(PathBuf::from(text.strip_prefix("file://").unwrap_or(text))))
    }

    pub fn assets(&self) -> crate::domain::assets::AssetSettings {
        crate::domain::assets::AssetSettings {
            max_bytes: self.asset_max_bytes,
            unfinished_ttl: self.asset_unfinished_ttl,
        }
    }

    /// The client API's certificate and key files: both, or neither (plaintext).
    pub fn tls_files(&self) -> Result<Option<(PathBuf, PathBuf)>, ConfigError> {
        match (&self.tls_cert_file, &self.tls_key_file) {
            (Some(cert), Some(key)) => Ok(Some((cert.clone(), key.clone()))),
            (None, None) => Ok(None),
            _ => Err(ConfigError("TLS needs both tls_cert_file and tls_key_file".to_owned())),
        }
    }

    /// The federation settings when the three federation files are set,
    /// `None` when none is; anything in between is a mistake worth a line.
    pub fn federation(&self) -> Result<Option<crate::federation::FederationSettings>, ConfigError> {
        use crate::domain::ids::BackendDomain;
        use crate::federation::{AllowPolicy, FederationSettings, discovery};
        let files = (&self.federation_cert_file, &self.federation_key_file, &self.federation_ca_file);
        let (cert_file, key_file, ca_file) = match files {
            (Some(cert), Some(key), Some(ca)) => (cert.clone(), key.clone(), ca.clone()),
            (None, None, None) if self.federation_listen.is_none() => return Ok(None),
            _ => {
                return Err(ConfigError(
                    "federation needs all of federation_cert_file, federation_key_file and federation_ca_file"
                        .to_owned(),
                ));
            }
        };
        let mut peers = std::collections::HashMap::new();
        for (domain, target) in &self.federation_peers {
            let domain = BackendDomain::parse(domain).map_err(|err| ConfigError(format!("federation_peers: {err}")))?;
            let target =
                discovery::parse_target(target).map_err(|err| ConfigError(format!("federation_peers: {err}")))?;
            peers.insert(domain, target);
        }
        let allow = AllowPolicy::parse(&self.federation_allow)
            .map_err(|err| ConfigError(format!("federation_allow: {err}")))?;
        Ok(Some(FederationSettings {
            listen: self.federation_listen,
            cert_file,
            key_file,
            ca_file,
            name_servers: self.federation_dns.clone(),
            peers,
            allow,
        }))
    }

    /// The push providers the operator configured, their keys loaded: a
    /// key that cannot be read stops the start.
    pub fn push_providers(&self) -> Result<crate::push::ProviderSettings, ConfigError> {
        use crate::push::{ApnsSettings, FcmSettings, ProviderSettings, WebPushSettings, jwt};
        let mut providers = ProviderSettings::default();
        match (&self.push_apns_key_file, &self.push_apns_key_id, &self.push_apns_team_id) {
            (Some(file), Some(key_id), Some(team_id)) => {
                providers.apns = Some(ApnsSettings {
                    key: jwt::load_p256(file, "push_apns_key_file").map_err(ConfigError)?,
                    key_id: key_id.clone(),
                    team_id: team_id.clone(),
                    url: self.push_apns_url.clone(),
                    sandbox_url: self.push_apns_sandbox_url.clone(),
                })
            }
            (None, None, None) => {}
            _ => {
                return Err(ConfigError(
                    "APNs needs all of push_apns_key_file, push_apns_key_id and push_apns_team_id".to_owned(),
                ));
            }
        }
        if let Some(file) = &self.push_fcm_service_account_file {
            providers.fcm = Some(FcmSettings::load(file, self.push_fcm_url.clone()).map_err(ConfigError)?);
        }
        match (&self.push_vapid_key_file, &self.push_vapid_subject) {
            (Some(file), Some(subject)) => {
                providers.web_push = Some(WebPushSettings {
                    key: jwt::load_p256(file, "push_vapid_key_file").map_err(ConfigError)?,
                    subject: subject.clone(),
                })
            }
            (None, None) => {}
            _ => return Err(ConfigError("Web Push needs both push_vapid_key_file and push_vapid_subject".to_owned())),
        }
        Ok(providers)
    }

    pub fn push(&self) -> crate::domain::push::PushSettings {
        crate::domain::push::PushSettings {
            collapse: self.push_collapse,
            min_interval: self.push_min_interval,
            retry_max: self.push_retry_max,
            allow_http_endpoints: self.push_allow_http_endpoints,
        }
    }

    pub fn token_key_path(&self) -> PathBuf {
        self.token_key_file.clone().unwrap_or_else(|| self.data_dir.join("token-signing.key"))
    }
}

/// `--version`: the crate version and the git commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("MISSIVE_GIT_COMMIT"), ")");

/// One line naming the setting that stopped the start.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

/// What people are told about one setting (`--help`, the README table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingInfo {
    /// TOML key and [`Args`] field, in snake case.
    pub key: &'static str,
    /// Command-line flag: `--` and the key in kebab case.
    pub flag: &'static str,
    /// Environment variable read when the flag is absent.
    pub env: &'static str,
    /// The default as it would be typed on the command line; empty means unset.
    pub default: &'static str,
    /// How the default is shown when the text alone would not say it (a computed default).
    pub default_described: Option<&'static str>,
    /// One line saying what the setting is for.
    pub doc: &'static str,
    /// Its value is never shown: not in errors, not in `--help`.
    pub secret: bool,
}

impl SettingInfo {
    /// The default as shown to people: the description if any, else the text.
    pub fn shown_default(&self) -> &'static str {
        self.default_described.unwrap_or(self.default)
    }

    /// Where a value given on the command line or in the environment came from.
    fn flag_source(&self) -> String {
        format!("{} / {}", self.flag, self.env)
    }

    fn help(&self) -> String {
        let doc = self.doc.strip_suffix('.').unwrap_or(self.doc);
        format!("{doc} [default: {}]", self.shown_default())
    }
}

/// `--` and `key` with `_` turned into `-`: the long flag clap derives from the
/// [`Args`] field of the same name.
const fn flag_bytes<const N: usize>(key: &str) -> [u8; N] {
    let key = key.as_bytes();
    assert!(N == key.len() + 2, "the flag is the key and two dashes");
    let mut flag = [b'-'; N];
    let mut i = 0;
    while i < key.len() {
        flag[i + 2] = if key[i] == b'_' { b'-' } else { key[i] };
        i += 1;
    }
    flag
}

/// The README's configuration table, one row per entry of [`SETTINGS`].
pub fn markdown_table() -> String {
    let mut table = String::from("| setting | flag / environment | default | meaning |\n|---|---|---|---|\n");
    for setting in SETTINGS {
        let default = match setting.default_described {
            Some(described) => described.to_owned(),
            None => format!("`{}`", setting.default),
        };
        table.push_str(&format!(
            "| `{}` | `{}` / `{}` | {} | {} |\n",
            setting.key,
            setting.flag,
            setting.env,
            default.replace('|', "\\|"),
            setting.doc.replace('|', "\\|"),
        ));
    }
    table
}

/// The settings found in the `--config` file, as text by key.
#[derive(Debug, Default)]
struct FileSettings {
    /// `config file <path>`; empty when there is no file.
    source: String,
    values: toml::Table,
}

impl FileSettings {
    fn load(path: &Path) -> Result<FileSettings, ConfigError> {
        let source = format!("config file {}", path.display());
        let text = std::fs::read_to_string(path)
            .map_err(|err| ConfigError(format!("cannot read config file {}: {err}", path.display())))?;
        let values: toml::Table =
            toml::from_str(&text).map_err(|err| ConfigError(format!("{source}: {}", err.message())))?;
        if let Some(unknown) = values.keys().find(|key| !SETTINGS.iter().any(|setting| setting.key == *key)) {
            let known: Vec<&str> = SETTINGS.iter().map(|setting| setting.key).collect();
            return Err(ConfigError(format!("{source}: unknown key {unknown:?}; the keys are {}", known.join(", "))));
        }
        Ok(FileSettings { source, values })
    }

    /// The file's value for `setting` as text: TOML strings as they are,
    /// integers in decimal.
    fn take(&mut self, setting: &SettingInfo) -> Result<Option<String>, ConfigError> {
        match self.values.remove(setting.key) {
            None => Ok(None),
            Some(toml::Value::String(text)) => Ok(Some(text)),
            Some(toml::Value::Integer(number)) => Ok(Some(number.to_string())),
            Some(other) => Err(ConfigError(format!(
                "invalid {} ({}): expected a string or an integer, found {}",
                setting.key,
                self.source,
                other.type_str()
            ))),
        }
    }
}

/// The value of one setting: the flag or environment text, else the file's,
/// else the default, through the setting's parser.
fn resolve<T>(
    setting: &SettingInfo,
    parse: fn(&str) -> Result<T, String>,
    given: Option<String>,
    file: &mut FileSettings,
) -> Result<T, ConfigError> {
    let (text, source) = match given {
        Some(text) => (text, setting.flag_source()),
        None => match file.take(setting)? {
            Some(text) => (text, file.source.clone()),
            None => (setting.default.to_owned(), "default".to_owned()),
        },
    };
    // Shown redacted: a database or Redis URL may carry a password, and a
    // secret is never shown at all.
    parse(&text).map_err(|reason| {
        let shown = match setting.secret {
            true => "(not shown)".to_owned(),
            false => format!("{:?}", missive_db::redact(&text)),
        };
        ConfigError(format!("invalid {} ({source}) {shown}: {reason}", setting.key))
    })
}

fn default_value<T>(setting: &SettingInfo, parse: fn(&str) -> Result<T, String>) -> T {
    parse(setting.default)
        .unwrap_or_else(|reason| panic!("the default of {} {:?} is invalid: {reason}", setting.key, setting.default))
}

// Parsers: text (from a flag, the environment, the file or the default) to a value.

/// Any [`FromStr`] type, ignoring surrounding whitespace.
/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl FromStr for LogFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<LogFormat, String> {
        match text.trim() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!("{other:?} is neither `text` nor `json`")),
        }
    }
}

fn parse_from_str<T>(text: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.trim().parse().map_err(|err: T::Err| err.to_string())
}

/// Whole seconds, at least one.
fn secs(text: &str) -> Result<Duration, String> {
    match parse_from_str(text)? {
        0 => Err("must be at least 1 second".to_owned()),
        secs => Ok(Duration::from_secs(secs)),
    }
}

/// Whole milliseconds, at least one.
fn millis(text: &str) -> Result<Duration, String> {
    match parse_from_str(text)? {
        0 => Err("must be at least 1 millisecond".to_owned()),
        ms => Ok(Duration::from_millis(ms)),
    }
}

/// A count of at least one.
fn positive(text: &str) -> Result<u32, String> {
    match parse_from_str(text)? {
        0 => Err("must be at least 1".to_owned()),
        value => Ok(value),
    }
}

fn path(text: &str) -> Result<PathBuf, String> {
    Ok(PathBuf::from(text))
}

/// `ip:port`; empty means unset.
fn optional_socket_addr(text: &str) -> Result<Option<SocketAddr>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| "expected ip:port".to_owned())
}

/// Comma-separated ICE server URIs (RFC 7064, RFC 7065).
fn ice_uri_list(text: &str) -> Result<Vec<String>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let scheme_ok = ["stun:", "stuns:", "turn:", "turns:"].iter().any(|scheme| item.starts_with(scheme));
            let host_ok = item.split_once(':').is_some_and(|(_, rest)| !rest.is_empty());
            match scheme_ok && host_ok && !item.contains(char::is_whitespace) {
                true => Ok(item.to_owned()),
                false => Err(format!("{item:?}: expected stun:, stuns:, turn: or turns: and a host")),
            }
        })
        .collect()
}

/// Comma-separated secrets, each at least 16 characters.
fn secret_list(text: &str) -> Result<Vec<String>, String> {
    let secrets: Vec<String> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    match secrets.iter().any(|secret| secret.chars().count() < 16) {
        true => Err("each secret must be at least 16 characters".to_owned()),
        false => Ok(secrets),
    }
}

/// Comma-separated `ip:port`s.
fn socket_addr_list(text: &str) -> Result<Vec<SocketAddr>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| item.parse().map_err(|_| format!("{item:?}: expected ip:port")))
        .collect()
}

/// `domain=host:port,…`, checked here and kept as text pairs.
fn peer_table(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (domain, target) =
                item.split_once('=').ok_or_else(|| format!("{item:?}: expected domain=host:port"))?;
            let domain = dns_name(domain.trim())?;
            crate::federation::discovery::parse_target(target.trim())?;
            Ok((domain, target.trim().to_owned()))
        })
        .collect()
}

fn allow_policy(text: &str) -> Result<String, String> {
    crate::federation::AllowPolicy::parse(text).map(|_| text.trim().to_owned())
}

/// A path; empty means unset.
fn optional_path(text: &str) -> Result<Option<PathBuf>, String> {
    Ok((!text.is_empty()).then(|| PathBuf::from(text)))
}

/// A backend domain (DNS name rules), lowercased; the same rule as the
/// domains clients send.
fn dns_name(text: &str) -> Result<String, String> {
    crate::domain::ids::BackendDomain::parse(text).map(|domain| domain.to_string())
}

/// `sqlite:…` or `postgres(ql)://…`; empty means unset.
fn optional_database_url(text: &str) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match missive_db::Backend::of_url(text) {
        Some(_) => Ok(Some(text.to_owned())),
        None => Err("expected sqlite:… or postgres://…".to_owned()),
    }
}

/// `redis://…` or `rediss://…`; empty means unset.
/// A directory, `file:///dir`, or `s3://bucket[/prefix]`.
fn asset_store_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("s3://") {
        let bucket = rest.split('/').next().unwrap_or_default();
        let valid = (3..=63).contains(&bucket.len())
            && bucket.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        return match valid {
            true => Ok(text.to_owned()),
            false => Err("expected s3://bucket[/prefix] with a bucket name of 3 to 63 lowercase letters, digits, dots and hyphens".to_owned()),
        };
    }
    if text.contains("://") && !text.starts_with("file://") {
        return Err("expected a directory, file:///path or s3://bucket[/prefix]".to_owned());
    }
    Ok(text.to_owned())
}

fn optional_http_url(text: &str) -> Result<Option<String>, String> {
    let text = text.trim().trim_end_matches('/');
    if text.is_empty() {
        return Ok(None);
    }
    match text.starts_with("http://") || text.starts_with("https://") {
        true => Ok(Some(text.to_owned())),
        false => Err("expected http://host:port or https://host:port".to_owned()),
    }
}

fn http_url(text: &str) -> Result<String, String> {
    optional_http_url(text)?.ok_or_else(|| "expected http://host[:port] or https://host[:port]".to_owned())
}

fn boolean(text: &str) -> Result<bool, String> {
    match text.trim() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".to_owned()),
    }
}

/// `mailto:…` or `https://…`; empty means unset.
fn optional_contact(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    match text {
        "" => Ok(None),
        _ if (text.starts_with("mailto:") && text.len() > 7) || text.starts_with("https://") => {
            Ok(Some(text.to_owned()))
        }
        _ => Err("expected mailto:address or https://url".to_owned()),
    }
}

fn optional_text(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

fn any_text(text: &str) -> Result<String, String> {
    Ok(text.trim().to_owned())
}

fn optional_redis_url(text: &str) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with("redis://") || text.starts_with("rediss://") {
        Ok(Some(text.to_owned()))
    } else {
        Err("expected redis://…".to_owned())
    }
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
    fn a_refused_secret_is_not_shown() {
        let args = Args { turn_secret: Some("long-enough-secret-1,short".into()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert!(err.contains("turn_secret") && err.contains("16 characters"), "{err}");
        assert!(!err.contains("long-enough-secret-1") && !err.contains("short\""), "{err}");
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

    #[test]
    fn a_file_value_is_parsed_like_a_flag_and_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missive.toml");
        std::fs::write(&path, "listen = \"127.0.0.1:7000\"\nheartbeat_interval_secs = 5\naccess_token_ttl_secs = 0\n")
            .unwrap();
        let args = Args { config: Some(path.display().to_string()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "configuration: invalid access_token_ttl_secs (config file {}) \"0\": must be at least 1 second",
                path.display()
            )
        );
        std::fs::write(&path, "listen = \"127.0.0.1:7000\"\nheartbeat_interval_secs = 5\n").unwrap();
        let config = Config::from_args(Args { config: Some(path.display().to_string()), ..Args::default() }).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:7000");
        assert_eq!(config.heartbeat_interval, Duration::from_secs(5));
    }

    #[test]
    fn a_file_value_of_another_toml_type_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missive.toml");
        std::fs::write(&path, "max_group_size = 2.5\n").unwrap();
        let args = Args { config: Some(path.display().to_string()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert!(err.contains("max_group_size") && err.contains("missive.toml") && err.contains("float"), "{err}");
    }

    #[test]
    fn a_bad_flag_value_names_the_setting_and_its_source_in_one_line() {
        let args = Args { listen: Some("nope".into()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert_eq!(
            err,
            "configuration: invalid listen (--listen / MISSIVE_LISTEN) \"nope\": invalid socket address syntax"
        );
    }

    #[test]
    fn urls_are_checked_redacted_and_empty_means_unset() {
        let args = Args { database_url: Some("mysql://me:secret@db/x".into()), ..Args::default() };
        let err = Config::from_args(args).unwrap_err().to_string();
        assert!(err.contains("--database-url / DATABASE_URL") && !err.contains("secret"), "{err}");
        let args = Args { redis_url: Some("http://cache".into()), ..Args::default() };
        assert!(Config::from_args(args).unwrap_err().to_string().contains("REDIS_URL"));
        let args = Args {
            database_url: Some(String::new()),
            redis_url: Some(String::new()),
            token_key_file: Some(String::new()),
            ..Args::default()
        };
        let config = Config::from_args(args).unwrap();
        assert!(config.database_url.is_none() && config.redis_url.is_none() && config.token_key_file.is_none());
        let args = Args { database_url: Some("postgresql://db/x".into()), ..Args::default() };
        assert_eq!(Config::from_args(args).unwrap().database_url.as_deref(), Some("postgresql://db/x"));
    }

    #[test]
    fn the_declared_defaults_are_the_embedded_default() {
        let config = Config::embedded_default();
        assert_eq!(config.data_dir, PathBuf::from("./missive-data"));
        assert_eq!(config.access_token_ttl, Duration::from_secs(15 * 60));
        assert_eq!(config.refresh_token_ttl, Duration::from_secs(30 * 24 * 3600));
        assert_eq!(config.event_retention, Duration::from_secs(28 * 24 * 3600));
        assert_eq!(config.max_request_bytes, 4 * 1024 * 1024);
        assert_eq!(config.max_ciphertext_bytes, 256 * 1024);
        assert_eq!(config.max_recipients, 16 * 1024);
        assert_eq!(config.token_key_path(), PathBuf::from("./missive-data/token-signing.key"));
        for setting in SETTINGS {
            assert!(!setting.shown_default().is_empty(), "{} needs a shown default", setting.key);
        }
    }

    #[test]
    fn clap_flags_and_environment_variables_match_the_settings() {
        use clap::CommandFactory;
        let command = Args::command();
        command.clone().debug_assert();
        for setting in SETTINGS {
            let arg = command.get_arguments().find(|arg| arg.get_id() == setting.key).expect(setting.key);
            assert_eq!(format!("--{}", arg.get_long().unwrap()), setting.flag);
            assert_eq!(arg.get_env().and_then(|env| env.to_str()), Some(setting.env));
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            assert!(help.starts_with(setting.doc.trim_end_matches('.')), "{help}");
            assert!(help.ends_with(&format!("[default: {}]", setting.shown_default())), "{help}");
        }
    }

    #[test]
    fn the_readme_table_is_generated_from_the_settings() {
        const BEGIN: &str = "<!-- settings:begin -->";
        const END: &str = "<!-- settings:end -->";
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
        let readme = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let expected = markdown_table();
        let between = readme
            .split_once(BEGIN)
            .and_then(|(_, rest)| rest.split_once(END))
            .map(|(between, _)| between)
            .unwrap_or_else(|| panic!("{} has no {BEGIN} … {END} markers", path.display()));
        assert!(
            between.trim() == expected.trim(),
            "the settings table in {} differs from server/src/config.rs; put this between the markers:\n\n{expected}",
            path.display()
        );
    }
}
