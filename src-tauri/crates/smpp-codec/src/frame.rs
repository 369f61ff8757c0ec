//! Framing by command_length: the one thing that keeps a stream in sync.

/// Every PDU starts with command_length, command_id, command_status, sequence_number.
pub const HEADER_LEN: usize = 16;

/// The default upper bound for command_length. Real PDUs are far smaller (a submit_sm with a
/// full message_payload is under 64 KiB); a larger value means a broken or hostile peer.
pub const DEFAULT_MAX_PDU_LEN: u32 = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("command_length {0} is shorter than the 16-octet PDU header; the stream cannot be re-synchronised")]
    TooShort(u32),
    #[error("command_length {len} exceeds the maximum of {max} octets; the stream cannot be re-synchronised")]
    TooLong { len: u32, max: u32 },
}

/// Length of the next complete frame at the start of `buf`, or None if more bytes are needed.
///
/// A frame whose command_length is impossible cannot be skipped (there is no marker to find
/// the next PDU), so it is an error the session answers by closing the connection.
pub fn next_frame_len(buf: &[u8], max: u32) -> Result<Option<usize>, FrameError> {
    let Some(len_bytes) = buf.get(..4) else {
        return Ok(None);
    };
    let len = u32::from_be_bytes([len_bytes[0], len_bytes[1], len_bytes[2], len_bytes[3]]);
    if (len as usize) < HEADER_LEN {
        return Err(FrameError::TooShort(len));
    }
    if len > max {
        return Err(FrameError::TooLong { len, max });
    }
    let len = len as usize;
    Ok((buf.len() >= len).then_some(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames() {
        assert_eq!(next_frame_len(&[0, 0], 100), Ok(None));
        let mut b = vec![0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(next_frame_len(&b, 100), Ok(Some(16)));
        b.extend_from_slice(&[0, 0]);
        assert_eq!(next_frame_len(&b, 100), Ok(Some(16)));
        assert_eq!(next_frame_len(&b[..15], 100), Ok(None));
        assert_eq!(next_frame_len(&[0, 0, 0, 3], 100), Err(FrameError::TooShort(3)));
        assert_eq!(next_frame_len(&[0, 0, 1, 0], 100), Err(FrameError::TooLong { len: 256, max: 100 }));
    }
}
