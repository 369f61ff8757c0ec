//! Sans-IO SMPP 3.4 / 5.0 codec.
//!
//! What it does: isolates frames by `command_length`, decodes each frame on its own (a
//! malformed PDU is one error, never a lost stream), encodes strictly to the spec, and
//! knows the protocol's tables (command_status names, data codings, receipt text).
//!
//! What it deliberately does not do: sockets, timers, clocks or sessions (see
//! `smpp-session`). Decoding never panics and never allocates more than the frame holds.

pub mod coding;
pub mod command;
pub mod cstring;
pub mod dissect;
pub mod frame;
pub mod message_id;
pub mod pdu;
pub mod reassembly;
pub mod receipt;
pub mod status;
pub mod time;
pub mod tlv;

pub use command::CommandId;
pub use frame::{FrameError, HEADER_LEN, next_frame_len};
pub use pdu::{Bind, BindResp, Body, DecodeError, Decoded, EncodeError, Pdu, ShortMessage, SmResp, Warning};
pub use tlv::{Tlv, TlvList, TlvValue, tlv_name};
