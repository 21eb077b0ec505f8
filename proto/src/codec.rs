//! The protobuf codec of the client API: prost's, with a smaller first
//! buffer per call.
//!
//! tonic allocates each call's encoding buffer up front, 8 KiB by default,
//! and an open event stream keeps its buffer for as long as it stays open:
//! with hundreds of thousands of idle streams per instance that buffer was
//! the largest part of a stream's memory (docs/PERFORMANCE.md § Idle
//! streams). Missive's messages are mostly far smaller; a larger one grows
//! the buffer as it is encoded, as before.

use prost::Message;
use std::marker::PhantomData;
use tonic::codec::{BufferSettings, Codec};
use tonic_prost::{ProstCodec, ProstDecoder, ProstEncoder};

/// First size of a call's encoding and decoding buffers.
pub const BUFFER_SIZE: usize = 1024;
/// How much a server stream's ready messages may gather before they are
/// written: tonic's default.
const YIELD_THRESHOLD: usize = 32 * 1024;

/// prost's codec with [`BUFFER_SIZE`] buffers; named by the generated
/// services and clients (`codec_path` in build.rs).
#[derive(Debug, Clone, Copy)]
pub struct LeanCodec<T, U>(PhantomData<(T, U)>);

impl<T, U> Default for LeanCodec<T, U> {
    fn default() -> Self {
        LeanCodec(PhantomData)
    }
}

impl<T, U> Codec for LeanCodec<T, U>
where
    T: Message + Send + 'static,
    U: Message + Default + Send + 'static,
{
    type Encode = T;
    type Decode = U;
    type Encoder = ProstEncoder<T>;
    type Decoder = ProstDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        ProstCodec::<T, U>::raw_encoder(settings())
    }

    fn decoder(&mut self) -> Self::Decoder {
        ProstCodec::<T, U>::raw_decoder(settings())
    }
}

fn settings() -> BufferSettings {
    BufferSettings::new(BUFFER_SIZE, YIELD_THRESHOLD)
}
