//! The simulator's answers to raw PDUs: what a third-party ESME would see.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use smpp_codec::pdu::{Bind, BindKind, Body, INTERFACE_VERSION_34, Pdu};
use smpp_codec::{CommandId, next_frame_len, status};
use smsc_sim::{SimConfig, Simulator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn read_pdu(s: &mut TcpStream) -> Pdu {
    let mut buf = Vec::new();
    loop {
        if let Some(len) = next_frame_len(&buf, 65536).unwrap() {
            return Pdu::decode(&buf[..len]).unwrap().pdu;
        }
        let mut chunk = [0u8; 512];
        let n = s.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed");
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[tokio::test]
async fn nacks_unknown_commands_and_answers_enquire_link_and_unbind() {
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("esme", "pw")).await.unwrap();
    let mut s = TcpStream::connect(sim.local_addr()).await.unwrap();
    let bind = Bind {
        kind: BindKind::Transmitter,
        system_id: "esme".into(),
        password: "pw".into(),
        system_type: String::new(),
        interface_version: INTERFACE_VERSION_34,
        addr_ton: 0,
        addr_npi: 0,
        address_range: String::new(),
    };
    s.write_all(&Pdu::new(1, Body::Bind(bind)).to_bytes().unwrap()).await.unwrap();
    let r = read_pdu(&mut s).await;
    assert_eq!((r.command_id(), r.command_status), (CommandId::BIND_TRANSMITTER_RESP, status::ESME_ROK));

    let unknown = Pdu::new(2, Body::Raw { command_id: CommandId(0x0000_0777), body: vec![] });
    s.write_all(&unknown.to_bytes().unwrap()).await.unwrap();
    let r = read_pdu(&mut s).await;
    assert_eq!(
        (r.command_id(), r.command_status, r.sequence_number),
        (CommandId::GENERIC_NACK, status::ESME_RINVCMDID, 2)
    );

    s.write_all(&Pdu::new(3, Body::EnquireLink).to_bytes().unwrap()).await.unwrap();
    let r = read_pdu(&mut s).await;
    assert_eq!((r.command_id(), r.sequence_number), (CommandId::ENQUIRE_LINK_RESP, 3));

    s.write_all(&Pdu::new(4, Body::Unbind).to_bytes().unwrap()).await.unwrap();
    let r = read_pdu(&mut s).await;
    assert_eq!((r.command_id(), r.sequence_number), (CommandId::UNBIND_RESP, 4));
    let mut rest = [0u8; 16];
    assert_eq!(s.read(&mut rest).await.unwrap(), 0, "closed after unbind");
}

#[tokio::test]
async fn submit_before_bind_is_refused() {
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("esme", "pw")).await.unwrap();
    let mut s = TcpStream::connect(sim.local_addr()).await.unwrap();
    let submit = Pdu::new(9, Body::SubmitSm(Box::default()));
    s.write_all(&submit.to_bytes().unwrap()).await.unwrap();
    let r = read_pdu(&mut s).await;
    assert_eq!((r.command_id(), r.command_status), (CommandId::SUBMIT_SM_RESP, status::ESME_RINVBNDSTS));
}
