//! `TCP_NODELAY` on the PostgreSQL connections.
//!
//! sqlx 0.9.0 opens its TCP sockets without `TCP_NODELAY` (0.8 set it; the
//! 0.9 rewrite lost it: sqlx issue 4335, fixed upstream but not released
//! yet). A statement a little larger than one TCP segment then leaves its
//! last partial segment behind Nagle's algorithm until the server's delayed
//! ACK comes, 40 ms on Linux, and the server cannot answer before it has the
//! whole statement: a send to a 100-device group took 53 ms over TCP and
//! 12.5 ms over the Unix socket (docs/PERFORMANCE.md § Group fan-out). On a
//! real network a segment is 1,448 bytes, so most multi-row statements
//! would pay it.
//!
//! sqlx gives no access to its socket, so after it opens a pooled
//! connection we set the option on every TCP socket of this process whose
//! peer is the database's port (a socket that already has it is unchanged).
//! Remove this once a sqlx release sets it again.

use std::os::fd::{BorrowedFd, RawFd};

/// Sets `TCP_NODELAY` on every TCP socket of this process connected to
/// `port`. A socket that refuses keeps Nagle's algorithm: slower, not wrong.
pub fn set_on_connections_to(port: u16) {
    for_each_connection_to(port, |socket| {
        let _ = socket.set_tcp_nodelay(true);
    });
}

/// Whether every TCP socket of this process connected to `port` has
/// `TCP_NODELAY`, and how many there are (for tests).
pub fn all_set_on_connections_to(port: u16) -> (bool, usize) {
    let (mut all, mut count) = (true, 0);
    for_each_connection_to(port, |socket| {
        count += 1;
        all &= socket.tcp_nodelay().unwrap_or(false);
    });
    (all, count)
}

/// Calls `f` with every TCP socket of this process whose peer is `port`.
/// Finds none where `/proc/self/fd` does not exist (not Linux).
fn for_each_connection_to(port: u16, mut f: impl FnMut(socket2::SockRef<'_>)) {
    let Ok(entries) = std::fs::read_dir("/proc/self/fd") else { return };
    for entry in entries.flatten() {
        let Some(fd) = entry.file_name().to_str().and_then(|name| name.parse::<RawFd>().ok()) else { continue };
        let is_socket =
            std::fs::read_link(entry.path()).is_ok_and(|target| target.to_string_lossy().starts_with("socket:"));
        if !is_socket {
            continue;
        }
        // SAFETY: the descriptor is only borrowed for the calls below. If
        // another thread closes it meanwhile, they fail with EBADF; if its
        // number is reused at once, they act on that new descriptor, where
        // they either fail (not a TCP socket) or read or set an option that
        // is harmless on any TCP socket.
        let fd = unsafe { BorrowedFd::borrow_raw(fd) };
        let socket = socket2::SockRef::from(&fd);
        if socket.r#type().ok() != Some(socket2::Type::STREAM) {
            continue;
        }
        let peer_port = socket.peer_addr().ok().and_then(|peer| peer.as_socket()).map(|peer| peer.port());
        if peer_port == Some(port) {
            f(socket);
        }
    }
}
