//! Small raw HTTP servers on 127.0.0.1:0 for the tests of what the client does with answers no
//! real server would give on purpose: bytes sent verbatim, or dripped slowly.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

/// What a raw server does with one accepted connection, after it read the request head.
#[derive(Clone)]
pub enum Behaviour {
    /// Writes these bytes, then closes (shared, so a huge answer is not copied per connection).
    Send(Arc<Vec<u8>>),
    /// Writes `head` at once, then `body` in `pieces` parts with `pause` between them, then
    /// closes.
    Trickle {
        /// Written at once.
        head: Vec<u8>,
        /// Written in pieces.
        body: Vec<u8>,
        /// How many pieces.
        pieces: usize,
        /// The pause before each piece.
        pause: Duration,
    },
}

impl Behaviour {
    /// Writes `bytes`, then closes.
    pub fn send(bytes: Vec<u8>) -> Self {
        Self::Send(Arc::new(bytes))
    }
}

/// A server on 127.0.0.1:0 that answers every connection the same way; returns its port.
pub async fn raw_server(behaviour: Behaviour) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(answer(socket, behaviour.clone()));
        }
    });
    port
}

async fn answer(mut socket: TcpStream, behaviour: Behaviour) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    match behaviour {
        Behaviour::Send(bytes) => {
            let _ = socket.write_all(&bytes).await;
        }
        Behaviour::Trickle {
            head,
            body,
            pieces,
            pause,
        } => {
            if socket.write_all(&head).await.is_err() {
                return;
            }
            let piece = body.len().div_ceil(pieces.max(1)).max(1);
            for part in body.chunks(piece) {
                tokio::time::sleep(pause).await;
                if socket.write_all(part).await.is_err() || socket.flush().await.is_err() {
                    return;
                }
            }
        }
    }
    let _ = socket.shutdown().await;
}

/// A whole HTTP/1.1 answer with Content-Length, `extra` header lines (each ending in `\r\n`)
/// before the blank line.
pub fn http(status: &str, content_type: &str, body: &[u8], extra: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}
