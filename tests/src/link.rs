//! A TCP link between the client and the devserver that a test can cut and restore, to take the
//! client offline while the server (and its in-memory data) stays up. Cutting it closes the
//! listening socket, so new connections are refused as with a dead network, and ends every open
//! connection, so no pooled keep-alive connection survives the cut.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

pub struct Link {
    /// Where clients connect; stays the same across cuts.
    addr: SocketAddr,
    target: SocketAddr,
    running: Mutex<Option<Running>>,
}

struct Running {
    accept: JoinHandle<()>,
    connections: Arc<std::sync::Mutex<Vec<JoinHandle<()>>>>,
}

impl Link {
    /// A link to `target`, up.
    pub async fn to(target: SocketAddr) -> Arc<Link> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let link = Arc::new(Link {
            addr: listener.local_addr().unwrap(),
            target,
            running: Mutex::new(None),
        });
        *link.running.lock().await = Some(link.serve(listener));
        link
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Cuts the link: connections refused, open ones closed.
    pub async fn cut(&self) {
        if let Some(running) = self.running.lock().await.take() {
            running.accept.abort();
            let _ = running.accept.await;
            for c in running.connections.lock().unwrap().drain(..) {
                c.abort();
            }
        }
    }

    /// Restores the link on the same address.
    pub async fn restore(&self) {
        let mut slot = self.running.lock().await;
        if slot.is_none() {
            let listener = TcpListener::bind(self.addr).await.unwrap();
            *slot = Some(self.serve(listener));
        }
    }

    fn serve(&self, listener: TcpListener) -> Running {
        let target = self.target;
        let connections: Arc<std::sync::Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let tracked = connections.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let forward = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                tracked.lock().unwrap().push(forward);
            }
        });
        Running {
            accept,
            connections,
        }
    }
}
