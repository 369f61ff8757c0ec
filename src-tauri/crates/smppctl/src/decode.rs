//! `smppctl decode`: dissect PDU hex (from a log, a ticket, Wireshark) into named fields.

use std::fmt::Write as _;
use std::io::Read as _;

use smpp_codec::dissect::{self, DissectOptions, Dissection, Field};

use crate::EXIT_USAGE;

#[derive(Debug, clap::Args)]
pub struct DecodeArgs {
    /// PDU octets in hex; several arguments are joined. Spaces, newlines, ':', '-' and '0x'
    /// prefixes are ignored. `-` reads the hex from standard input.
    #[arg(required = true, value_name = "HEX")]
    hex: Vec<String>,
    /// Print one JSON object (the whole dissection) instead of a tree.
    #[arg(long)]
    json: bool,
    /// Show bind/outbind passwords instead of masking them.
    #[arg(long)]
    no_mask: bool,
}

/// Prints the dissection. Exit code 0 for clean PDUs (warnings allowed), 2 for bad hex,
/// empty input, or a truncated or malformed PDU (what could be dissected is still printed).
pub fn run(args: DecodeArgs) -> u8 {
    let input = match read_input(&args.hex) {
        Ok(input) => input,
        Err(e) => {
            eprintln!("error: cannot read standard input: {e}");
            return EXIT_USAGE;
        }
    };
    let bytes = match dissect::parse_hex(&input) {
        Ok(bytes) => bytes,
        Err(e) => {
            if args.json {
                println!("{}", serde_json::json!({ "error": format!("bad hex: {e}") }));
            }
            eprintln!("error: bad hex: {e}");
            return EXIT_USAGE;
        }
    };
    if bytes.is_empty() {
        if args.json {
            println!("{}", serde_json::json!({ "error": "no hex digits given" }));
        }
        eprintln!("error: no hex digits given");
        return EXIT_USAGE;
    }
    let dissection = dissect::dissect(&bytes, &DissectOptions { mask_passwords: !args.no_mask });
    if args.json {
        match serde_json::to_string_pretty(&dissection) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot serialise the dissection: {e}");
                return crate::EXIT_FAILURE;
            }
        }
    } else {
        print!("{}", render(&dissection));
    }
    if dissection.has_errors() {
        eprintln!("error: {}", summary(&dissection));
        return EXIT_USAGE;
    }
    0
}

/// The arguments joined, or standard input for `-`.
fn read_input(args: &[String]) -> std::io::Result<String> {
    let mut out = String::new();
    for arg in args {
        if arg == "-" {
            std::io::stdin().read_to_string(&mut out)?;
        } else {
            out.push_str(arg);
        }
        out.push(' ');
    }
    Ok(out)
}

/// Why the exit code is 2, in one sentence.
fn summary(d: &Dissection) -> String {
    let mut problems: Vec<String> = d
        .pdus
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.error.as_ref().map(|e| format!("PDU #{} ({}): {e}", i + 1, p.command_name)))
        .collect();
    if let Some(t) = &d.trailing {
        problems.push(format!("{} octet(s) at offset {} are not a complete PDU", t.length, t.offset));
    }
    if problems.is_empty() {
        problems.push("no PDU found".into());
    }
    problems.join("; ")
}

const NAME_WIDTH: usize = 30;
const HEX_SHOWN: usize = 16;

/// The human-readable tree.
pub fn render(d: &Dissection) -> String {
    let mut out = String::new();
    for (i, p) in d.pdus.iter().enumerate() {
        let _ = writeln!(
            out,
            "PDU #{} at offset {}, {} octets: {} (0x{:08X}), sequence {}, status {} (0x{:08X})",
            i + 1,
            p.offset,
            p.length,
            p.command_name,
            p.command_id,
            p.sequence_number,
            p.status_name,
            p.command_status
        );
        let _ = writeln!(out, "  {:>6} {:>4}  {:<NAME_WIDTH$}  value", "offset", "len", "field");
        for f in &p.fields {
            render_field(&mut out, f, 0, "");
        }
        if let Some(e) = &p.error {
            let _ = writeln!(out, "  ERROR: {e}");
        }
        if !p.warnings.is_empty() {
            let _ = writeln!(out, "  {} warning(s):", p.warnings.len());
            for w in &p.warnings {
                let _ = writeln!(out, "    WARNING: {w}");
            }
        }
        out.push('\n');
    }
    if let Some(t) = &d.trailing {
        let _ = writeln!(out, "Trailing octets at offset {}, {} octets (not a complete PDU):", t.offset, t.length);
        render_field(&mut out, t, 0, "");
        out.push('\n');
    }
    for w in &d.warnings {
        let _ = writeln!(out, "WARNING: {w}");
    }
    out
}

fn render_field(out: &mut String, f: &Field, depth: usize, parent: &str) {
    let indent = "  ".repeat(depth);
    let name = format!("{indent}{}", f.name);
    let mut value = f.value.clone();
    if value.is_empty() {
        value = format!("[{}]", shorten_hex(&f.raw_hex));
    }
    let _ = write!(out, "  {:>6} {:>4}  {name:<NAME_WIDTH$}  {value}", f.offset, f.length);
    if let Some(m) = &f.meaning
        && *m != f.value
    {
        let _ = write!(out, "  ({m})");
    }
    out.push('\n');
    let message = f.name == "short_message" || (parent == "message_payload" && f.name == "value");
    if message && f.length > 0 && f.value.starts_with('"') {
        let _ = writeln!(out, "  {:>6} {:>4}  {indent}  hex: {}", "", "", f.raw_hex);
    }
    if let Some(w) = &f.warning {
        let _ = writeln!(out, "  {:>6} {:>4}  {indent}  ^ WARNING: {w}", "", "");
    }
    for child in &f.children {
        render_field(out, child, depth + 1, &f.name);
    }
}

fn shorten_hex(hex: &str) -> String {
    if hex.len() <= HEX_SHOWN * 2 { hex.to_string() } else { format!("{}…", hex.get(..HEX_SHOWN * 2).unwrap_or(hex)) }
}
