//! Field size limits of SMPP 3.4 (octets, including the NUL of C-Octet Strings). Encoding
//! refuses anything larger; decoding accepts it with a warning.

/// system_id of bind, bind_resp and outbind.
pub const SYSTEM_ID: usize = 16;
/// password of bind and outbind.
pub const PASSWORD: usize = 9;
/// system_type of bind.
pub const SYSTEM_TYPE: usize = 13;
/// address_range of bind.
pub const ADDRESS_RANGE: usize = 41;
/// service_type.
pub const SERVICE_TYPE: usize = 6;
/// Addresses of submit_sm, deliver_sm, submit_multi, query_sm, cancel_sm, replace_sm and the
/// broadcast operations.
pub const ADDR: usize = 21;
/// Addresses of data_sm and alert_notification.
pub const ADDR_65: usize = 65;
/// dl_name in submit_multi.
pub const DL_NAME: usize = 21;
/// schedule_delivery_time, validity_period, final_date: 17, or 1 (just the NUL) when empty.
pub const TIME: usize = 17;
/// message_id.
pub const MESSAGE_ID: usize = 65;
/// short_message octets (no NUL: sm_length says how many). SMPP 5.0 allows 255.
pub const SHORT_MESSAGE: usize = 254;
/// Destinations of one submit_multi (and entries of submit_multi_resp's unsuccess_sme).
pub const NUMBER_OF_DESTS: usize = 254;
