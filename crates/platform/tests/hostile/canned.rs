//! A raw HTTP server on loopback that answers every request with the bytes a test gives it,
//! and remembers what it was sent: the devserver is too well-behaved to play a hostile server.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as received: its head (request line and headers) and its body.
#[derive(Debug, Clone)]
pub struct Received {
    pub head: String,
    pub body: String,
}

pub struct Canned {
    pub base_url: String,
    pub received: Arc<Mutex<Vec<Received>>>,
}

/// What to answer: called with the request, returns the bytes to write (then the connection
/// closes). `Stream` writes `chunk` again and again for as long as the client reads.
pub enum Reply {
    Bytes(Vec<u8>),
    Stream { head: Vec<u8>, chunk: Vec<u8> },
}

pub async fn serve(answer: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Canned {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let answer = Arc::new(answer);
    let log = received.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (answer, log) = (answer.clone(), log.clone());
            tokio::spawn(async move {
                let Some(request) = read_request(&mut socket).await else {
                    return;
                };
                log.lock().unwrap().push(request.clone());
                match answer(&request) {
                    Reply::Bytes(bytes) => {
                        let _ = socket.write_all(&bytes).await;
                    }
                    Reply::Stream { head, chunk } => {
                        if socket.write_all(&head).await.is_err() {
                            return;
                        }
                        // Bounded: 64 MiB at most, whatever the client does.
                        for _ in 0..(64 * 1024 * 1024 / chunk.len().max(1)) {
                            if socket.write_all(&chunk).await.is_err() {
                                return;
                            }
                        }
                    }
                }
                let _ = socket.shutdown().await;
            });
        }
    });
    Canned { base_url, received }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    let body = String::from_utf8_lossy(&data[head_end..]).to_string();
    Some(Received { head, body })
}

/// A whole answer with a JSON body.
pub fn json(status: &str, headers: &[&str], body: &str) -> Reply {
    let mut text = format!("HTTP/1.1 {status}\r\nContent-Type: application/json\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    Reply::Bytes(text.into_bytes())
}

/// The seed's StandardErrorResponse.
pub fn error_body(code: &str, status: u16) -> String {
    format!(
        r#"{{"error":"{code}","message":"{code}","statusCode":{status},"timestamp":"2026-12-07T00:00:00Z"}}"#
    )
}
