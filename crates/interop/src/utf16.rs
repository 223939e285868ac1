//! UTF-16 .ics and .vcf files (Windows programs save "Unicode" text that way), read as UTF-8.
//!
//! [`Utf8Input`] wraps the file: UTF-8 (or anything else) passes through untouched; a file that
//! starts with a UTF-16 byte order mark, or whose first two bytes are a letter and a NUL (or a
//! NUL and a letter: `BEGIN` in UTF-16 without a mark), is transcoded to UTF-8 as it streams.
//! Memory stays bounded: one chunk of the underlying reader and its UTF-8 (at most three
//! times as long) at a time.

use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// Room for one chunk's UTF-8: a UTF-16 code unit (2 bytes) is at most 3 bytes of UTF-8.
const OUT_CAPACITY: usize = 3 * 8 * 1024 + 16;

enum Mode {
    /// The first bytes have not been looked at yet.
    Unknown,
    /// Not UTF-16: bytes go through as they are, after the `head` read to decide.
    Passthrough { head: Vec<u8>, pos: usize },
    /// UTF-16: `out[pos..]` is decoded and not yet consumed; `done` once the input ended.
    Utf16 {
        decoder: Decoder,
        out: Vec<u8>,
        pos: usize,
        done: bool,
    },
}

pub(crate) struct Utf8Input<R> {
    inner: R,
    mode: Mode,
}

/// The UTF-16 byte order of a file from its first bytes, if it is UTF-16.
fn sniff(head: &[u8]) -> Option<&'static Encoding> {
    match head {
        [0xFF, 0xFE, ..] => Some(UTF_16LE),
        [0xFE, 0xFF, ..] => Some(UTF_16BE),
        [a, 0, ..] if *a != 0 => Some(UTF_16LE),
        [0, b, ..] if *b != 0 => Some(UTF_16BE),
        _ => None,
    }
}

impl<R: BufRead> Utf8Input<R> {
    pub(crate) fn new(inner: R) -> Self {
        Utf8Input {
            inner,
            mode: Mode::Unknown,
        }
    }

    fn decide(&mut self) -> io::Result<()> {
        if !matches!(self.mode, Mode::Unknown) {
            return Ok(());
        }
        // The first two bytes, even from a reader that hands out one byte at a time.
        let mut head = Vec::with_capacity(2);
        while head.len() < 2 {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let take = available.len().min(2 - head.len());
            head.extend_from_slice(&available[..take]);
            self.inner.consume(take);
        }
        self.mode = match sniff(&head) {
            Some(encoding) => {
                // `new_decoder` removes the byte order mark, whichever it is.
                let mut decoder = encoding.new_decoder();
                let mut out = vec![0; OUT_CAPACITY];
                let (result, _, written) =
                    decoder.decode_to_utf8_without_replacement(&head, &mut out, false);
                out.truncate(written);
                debug_assert!(matches!(result, DecoderResult::InputEmpty));
                Mode::Utf16 {
                    decoder,
                    out,
                    pos: 0,
                    done: false,
                }
            }
            None => Mode::Passthrough { head, pos: 0 },
        };
        Ok(())
    }
}

/// Decodes the next chunk of `inner` into `out` (emptied first). Text that is not valid
/// UTF-16 (a lone surrogate) becomes a byte that is not UTF-8 either, so the content-line
/// reader reports the line as unreadable as it does any other.
fn refill<R: BufRead>(
    inner: &mut R,
    decoder: &mut Decoder,
    out: &mut Vec<u8>,
    done: &mut bool,
) -> io::Result<()> {
    out.clear();
    while out.is_empty() && !*done {
        let input = inner.fill_buf()?;
        let last = input.is_empty();
        out.resize(OUT_CAPACITY, 0);
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(input, &mut out[..], last);
        inner.consume(read);
        out.truncate(written);
        if let DecoderResult::Malformed(..) = result {
            out.push(0xFF);
        }
        // The decoder holds back an odd byte or half a surrogate pair until the next chunk,
        // so a chunk may give nothing yet: read on.
        *done = last && matches!(result, DecoderResult::InputEmpty);
    }
    Ok(())
}

impl<R: BufRead> Read for Utf8Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Utf8Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.decide()?;
        match &mut self.mode {
            Mode::Unknown => unreachable!("decided above"),
            Mode::Passthrough { head, pos } if *pos < head.len() => Ok(&head[*pos..]),
            Mode::Passthrough { .. } => self.inner.fill_buf(),
            Mode::Utf16 {
                decoder,
                out,
                pos,
                done,
            } => {
                if *pos == out.len() {
                    refill(&mut self.inner, decoder, out, done)?;
                    *pos = 0;
                }
                Ok(&out[*pos..])
            }
        }
    }

    fn consume(&mut self, amt: usize) {
        match &mut self.mode {
            Mode::Unknown => {}
            Mode::Passthrough { head, pos } if *pos < head.len() => *pos += amt,
            Mode::Passthrough { .. } => self.inner.consume(amt),
            Mode::Utf16 { pos, .. } => *pos += amt,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for unit in units {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    /// Reads everything through a reader that hands out `chunk` bytes at a time, so decoding
    /// across chunk borders (odd bytes, surrogate pairs) is exercised.
    fn read_all(bytes: &[u8], chunk: usize) -> Vec<u8> {
        let reader = io::BufReader::with_capacity(chunk, bytes);
        let mut out = Vec::new();
        Utf8Input::new(reader).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn utf16_in_either_order_with_or_without_a_mark_comes_out_as_utf8() {
        let text = "BEGIN:VCARD\r\nFN:Zoë 😀 Łukasz\r\nEND:VCARD\r\n";
        for big_endian in [false, true] {
            for bom in [false, true] {
                for chunk in [1, 3, 8192] {
                    let out = read_all(&utf16(text, big_endian, bom), chunk);
                    assert_eq!(
                        String::from_utf8(out).unwrap(),
                        text,
                        "big endian {big_endian}, mark {bom}, chunk {chunk}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_and_other_bytes_pass_through_untouched() {
        for bytes in [
            &b"\xEF\xBB\xBFBEGIN:VCALENDAR\r\n"[..],
            b"BEGIN:VCARD\r\n\xFF\xFF\r\n",
            b"",
            b"\0\0\0",
            b"B",
        ] {
            for chunk in [1, 8192] {
                assert_eq!(read_all(bytes, chunk), bytes);
            }
        }
    }

    #[test]
    fn a_lone_surrogate_becomes_a_byte_that_is_not_utf8() {
        let mut bytes = utf16("FN:a", false, true);
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&utf16("b\r\n", false, false));
        let out = read_all(&bytes, 8192);
        assert_eq!(out, b"FN:a\xFFb\r\n");
    }
}
