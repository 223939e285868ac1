//! The feed's cursor: an opaque text naming a position in one tenant's events of one history.
//! Inside it is `<history>/<tenant>/<position>` in unpadded base64url; a client only hands it
//! back. The history (a UUID made when the data was) tells a cursor of an earlier in-memory
//! server, whose events are gone, from one of this server.

use data_encoding::BASE64URL_NOPAD;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub history: String,
    pub tenant: String,
    pub position: u64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let text = format!("{}/{}/{}", self.history, self.tenant, self.position);
        BASE64URL_NOPAD.encode(text.as_bytes())
    }

    /// The cursor `text` is, or None when it is not one this server could have made.
    pub fn decode(text: &str) -> Option<Cursor> {
        let bytes = BASE64URL_NOPAD.decode(text.as_bytes()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split('/');
        let (history, tenant, position) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || history.is_empty() || tenant.is_empty() {
            return None;
        }
        Some(Cursor {
            history: history.to_string(),
            tenant: tenant.to_string(),
            position: position.parse().ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_itself() {
        let c = Cursor {
            history: "h1".into(),
            tenant: "t1".into(),
            position: 42,
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
    }

    #[test]
    fn garbled_text_is_no_cursor() {
        for bad in [
            "",
            "!!",
            "abc",
            &BASE64URL_NOPAD.encode(b"h/t/x"),
            &BASE64URL_NOPAD.encode(b"h/t/1/2"),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
