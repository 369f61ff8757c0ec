#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A bounded, deterministic fuzz run on stable Rust (cargo-fuzz needs nightly): mutations of
//! the seed corpus (fuzz/corpus/decode/, made from the golden fixtures) go through the same
//! checks as fuzz/fuzz_targets/decode.rs.
//!
//! `SMPP_FUZZ_ITERS=5000000 cargo test -p smpp-codec --release --test fuzz_stable -- --nocapture`
//! runs longer; `SMPP_FUZZ_SEED` picks another PRNG seed.

mod common;

use smpp_codec::frame::DEFAULT_MAX_PDU_LEN;
use smpp_codec::next_frame_len;
use smpp_codec::pdu::{Pdu, mask_password};
use std::time::Instant;

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = common::fixtures().into_iter().map(|(_, b)| b).collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/decode");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("seed corpus").map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let b = std::fs::read(f).unwrap();
        if !seeds.contains(&b) {
            seeds.push(b);
        }
    }
    seeds
}

const INTERESTING: [u8; 8] = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF, 0x20];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], b: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let len = b.len();
        match rng.below(10) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = rng.next() as u8;
            }
            2 if len > 0 => {
                let i = rng.below(len);
                b[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            3 => {
                let i = rng.below(len + 1);
                b.insert(i, rng.next() as u8);
            }
            4 if len > 0 => {
                let i = rng.below(len);
                b.remove(i);
            }
            5 => {
                // Truncate.
                let i = rng.below(len + 1);
                b.truncate(i);
            }
            6 => {
                // Splice a slice of another seed in.
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let to = from + rng.below(other.len() - from + 1);
                let at = rng.below(len + 1);
                b.splice(at..at, other[from..to].iter().copied());
            }
            7 if len >= 20 => {
                // Point a TLV length or a count somewhere odd: overwrite two octets past the header.
                let i = 16 + rng.below(len - 17);
                let v = [0x00, 0x01, 0xFF, 0x7F][rng.below(4)];
                b[i] = v;
                b[i + 1] = rng.next() as u8;
            }
            8 if len > 16 => {
                // Duplicate a chunk (repeated TLVs, repeated destinations).
                let from = 16 + rng.below(len - 16);
                let to = from + rng.below((len - from).min(12) + 1);
                let chunk: Vec<u8> = b[from..to].to_vec();
                b.splice(to..to, chunk);
            }
            _ => {
                // Swap in another command_id (a body decoded as the wrong PDU).
                if len >= 8 {
                    let other = &seeds[rng.below(seeds.len())];
                    b[4..8].copy_from_slice(&other[4..8]);
                }
            }
        }
    }
    // Most of the time keep command_length consistent so that the body decoders are reached.
    if b.len() >= 4 && rng.below(8) != 0 {
        let l = (b.len() as u32).to_be_bytes();
        b[..4].copy_from_slice(&l);
    }
}

/// The same checks as the cargo-fuzz target.
fn check(frame: &[u8]) {
    let masked = mask_password(frame);
    assert_eq!(masked.len(), frame.len());
    if let Ok(decoded) = Pdu::decode(frame) {
        if let Ok(bytes) = decoded.pdu.to_bytes() {
            let again = Pdu::decode(&bytes).unwrap_or_else(|e| panic!("re-encoded PDU fails: {e}\n{frame:02x?}"));
            assert_eq!(again.pdu, decoded.pdu, "{frame:02x?}");
            if decoded.warnings.is_empty() && decoded.pdu.command_status == 0 {
                assert_eq!(bytes, frame, "a warning-free decode must be canonical");
            }
        }
        let _ = Pdu::decode(&masked);
    }
}

fn check_stream(data: &[u8]) {
    let mut rest = data;
    while let Ok(Some(len)) = next_frame_len(rest, DEFAULT_MAX_PDU_LEN) {
        let (frame, tail) = rest.split_at(len);
        check(frame);
        rest = tail;
    }
}

#[test]
fn mutated_corpus_never_panics_and_round_trips() {
    let iters: u64 = std::env::var("SMPP_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = std::env::var("SMPP_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5EED_5EED_1234_5678);
    let seeds = seeds();
    assert!(seeds.len() >= 30);
    // Every seed as is (the corpus also keeps inputs that once failed).
    for s in &seeds {
        check(s);
    }
    let mut rng = Rng(seed | 1);
    let started = Instant::now();
    let mut decoded_ok = 0u64;
    for i in 0..iters {
        let mut b = seeds[rng.below(seeds.len())].clone();
        mutate(&mut rng, &seeds, &mut b);
        check(&b);
        if Pdu::decode(&b).is_ok() {
            decoded_ok += 1;
        }
        if i % 64 == 0 {
            // A stream of two frames, the first one mutated.
            let mut stream = b.clone();
            stream.extend_from_slice(&seeds[rng.below(seeds.len())]);
            check_stream(&stream);
        }
    }
    // The run must reach the body decoders, not just bounce off the header checks.
    assert!(decoded_ok > iters / 10, "only {decoded_ok} of {iters} inputs decoded");
    println!("{iters} inputs ({decoded_ok} decoded) in {:.1?}, seed {seed}", started.elapsed());
}
