//! A live-server fuzz test: random and mutated protobuf bytes to every
//! client API method, with and without a token. The server must answer each
//! with a deliberate status (never INTERNAL or UNKNOWN, except gRPC's own
//! answer to bytes that are not protobuf), never drop the connection, and
//! stay healthy. The seed is printed so a failure can be replayed
//! (`MISSIVE_FUZZ_SEED=…`).

use crate::helpers::*;
use prost::Message;
use std::time::Duration;
use tonic::Code;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::codegen::http::uri::PathAndQuery;
use tonic::transport::Channel;

/// Calls per method and token state; bounded so the test stays well under a
/// minute on both backends.
const CALLS_PER_METHOD: usize = 48;

/// Bytes in, bytes out: the fuzzer speaks raw protobuf.
#[derive(Clone, Copy, Default)]
struct RawCodec;

struct Raw;

impl Codec for RawCodec {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = Raw;
    type Decoder = Raw;

    fn encoder(&mut self) -> Raw {
        Raw
    }

    fn decoder(&mut self) -> Raw {
        Raw
    }
}

impl Encoder for Raw {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn encode(&mut self, item: Vec<u8>, dst: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        use bytes::BufMut;
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for Raw {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, tonic::Status> {
        use bytes::Buf;
        let mut bytes = vec![0; src.remaining()];
        src.copy_to_slice(&mut bytes);
        Ok(Some(bytes))
    }
}

/// xorshift64*: reproducible from its seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Text a validator must cope with: empty, huge, control characters,
/// non-ASCII, path tricks, ids of the right shape, numbers.
fn nasty_text(rng: &mut Rng) -> Vec<u8> {
    let samples: [&[u8]; 12] = [
        b"",
        b"a.example",
        b"../../etc/passwd",
        "💥💥💥".as_bytes(),
        b"0.53",
        b"00000000-0000-0000-0000-000000000000",
        b"0123456789abcdef",
        b"\x00\x01\x02",
        b"ADMIN",
        b"-1",
        b"18446744073709551615",
        b"%_\\",
    ];
    match rng.below(4) {
        0 => vec![b'x'; rng.below(70_000) as usize],
        1 => {
            let len = rng.below(40) as usize;
            rng.bytes(len)
        }
        _ => samples[rng.below(samples.len() as u64) as usize].to_vec(),
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A random message: fields 1 to 8 (and sometimes far beyond), each a varint,
/// a string or bytes, or a nested message, so most of them decode and reach
/// the validators with hostile values.
fn random_message(rng: &mut Rng, depth: u32) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.below(6) {
        let field = if rng.below(10) == 0 { rng.below(1 << 20) + 1 } else { rng.below(8) + 1 };
        match rng.below(3) {
            0 => {
                put_varint(&mut out, field << 3);
                let value = match rng.below(4) {
                    0 => rng.below(8),
                    1 => u64::MAX,
                    2 => u64::MAX - rng.below(8),
                    _ => rng.next(),
                };
                put_varint(&mut out, value);
            }
            1 if depth < 3 => {
                let nested = random_message(rng, depth + 1);
                put_varint(&mut out, (field << 3) | 2);
                put_varint(&mut out, nested.len() as u64);
                out.extend(nested);
            }
            _ => {
                let text = nasty_text(rng);
                put_varint(&mut out, (field << 3) | 2);
                put_varint(&mut out, text.len() as u64);
                out.extend(text);
            }
        }
    }
    out
}

/// Flips, cuts or splices bytes of a message: mostly undecodable.
fn mutated(rng: &mut Rng, mut message: Vec<u8>) -> Vec<u8> {
    match rng.below(3) {
        0 if !message.is_empty() => {
            let at = rng.below(message.len() as u64) as usize;
            message[at] ^= 1 << rng.below(8);
        }
        1 => message.truncate(rng.below(message.len() as u64 + 1) as usize),
        _ => {
            let len = rng.below(16) as usize;
            message.extend(rng.bytes(len));
        }
    }
    message
}

/// Every `/missive.v1.Service/Method` and whether it streams its answer.
fn client_api_methods() -> Vec<(String, bool)> {
    let set = prost_types::FileDescriptorSet::decode(missive_proto::FILE_DESCRIPTOR_SET).unwrap();
    let mut methods = Vec::new();
    for file in set.file.iter().filter(|f| f.package() == "missive.v1") {
        for service in &file.service {
            for method in &service.method {
                methods.push((format!("/missive.v1.{}/{}", service.name(), method.name()), method.server_streaming()));
            }
        }
    }
    methods
}

/// The status of one call (OK counts as fine); a streaming call is read
/// until its first item or a short wait.
async fn call(channel: &Channel, path: &str, streaming: bool, body: Vec<u8>, token: Option<&str>) -> tonic::Status {
    let mut grpc = tonic::client::Grpc::new(channel.clone());
    grpc.ready().await.expect("the connection stays up");
    let request = match token {
        Some(token) => authed(body, token),
        None => tonic::Request::new(body),
    };
    let path = PathAndQuery::try_from(path).unwrap();
    if !streaming {
        return match grpc.unary(request, path, RawCodec).await {
            Ok(_) => tonic::Status::ok(""),
            Err(status) => status,
        };
    }
    match grpc.server_streaming(request, path, RawCodec).await {
        Err(status) => status,
        Ok(response) => {
            let mut stream = response.into_inner();
            match tokio::time::timeout(Duration::from_millis(100), stream.message()).await {
                Ok(Err(status)) => status,
                _ => tonic::Status::ok(""),
            }
        }
    }
}

fn deliberate(status: &tonic::Status) -> bool {
    match status.code() {
        // tonic's own answer to bytes that are not a valid message.
        Code::Internal => status.message().starts_with("failed to decode"),
        // Ids on a well-formed domain that is not ours.
        Code::Unavailable => status.message().contains("federation is not available"),
        Code::Unknown | Code::Cancelled | Code::DataLoss | Code::Unimplemented => false,
        _ => true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_mutated_requests_to_every_method_get_deliberate_answers() {
    let seed = match std::env::var("MISSIVE_FUZZ_SEED") {
        Ok(seed) => seed.parse().expect("MISSIVE_FUZZ_SEED is a number"),
        Err(_) => {
            let mut bytes = [0u8; 8];
            getrandom::fill(&mut bytes).unwrap();
            u64::from_le_bytes(bytes) | 1
        }
    };
    eprintln!("fuzz seed {seed} (MISSIVE_FUZZ_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let bob = app.register("bob").await;
    app.connect(&alice, &bob).await;
    let methods = client_api_methods();
    assert!(methods.len() > 30, "found {} methods", methods.len());
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    for (path, streaming) in &methods {
        for round in 0..CALLS_PER_METHOD {
            let message = random_message(&mut rng, 0);
            let body = if round % 3 == 2 { mutated(&mut rng, message) } else { message };
            let token = if round % 4 == 3 { None } else { Some(alice.token()) };
            let status = call(&app.channel, path, *streaming, body.clone(), token).await;
            *codes.entry(format!("{:?}", status.code())).or_default() += 1;
            assert!(
                deliberate(&status),
                "{path} answered {:?} {:?} to {} bytes (seed {seed}, round {round}): {:02x?}",
                status.code(),
                status.message(),
                body.len(),
                &body[..body.len().min(64)]
            );
            assert!(status.message().len() <= 1024, "{path}: a {}-byte message", status.message().len());
        }
    }
    eprintln!("fuzzed calls to {} methods, answers by code: {codes:?}", methods.len());
    // Still healthy: the account works and the server is serving.
    app.get_self(alice.token()).await.expect("the server still answers");
    let mut health = tonic_health::pb::health_client::HealthClient::new(app.channel.clone());
    let serving = health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.unwrap();
    assert_eq!(serving.into_inner().status, tonic_health::pb::health_check_response::ServingStatus::Serving as i32);
}
