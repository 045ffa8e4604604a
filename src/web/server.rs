//! The web server's own accept loop, so that hostile clients cannot hold it: a cap on open
//! connections (past it, new ones wait in the listening queue), a header-read timeout (a client
//! silent or dribbling its headers, or a kept-alive connection left idle, is closed), a
//! lifetime for any one connection, and one concurrency limit for all requests together
//! (a layer put on axum's router is copied per route). The request's own timeout and body
//! limit stay on the router.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceBuilder;
use tower::limit::ConcurrencyLimitLayer;

/// What a connection may take of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; the next wait in the listening queue.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers, counted from when the server
    /// waits for them (after the connection opens, and between two requests on it).
    pub header_read_timeout: Duration,
    /// The longest any connection stays open, however busy.
    pub connection_lifetime: Duration,
    /// Requests handled at once, over all connections; the others wait their turn.
    pub concurrent_requests: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 512,
            header_read_timeout: Duration::from_secs(5),
            connection_lifetime: Duration::from_secs(120),
            concurrent_requests: 8,
        }
    }
}

/// How many connections are open now (for the tests and the log).
#[derive(Debug, Clone, Default)]
pub struct Open(Arc<AtomicUsize>);

impl Open {
    pub fn now(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

/// How long the connections still open get to finish at shutdown.
const GRACE: Duration = Duration::from_secs(5);

/// Serves `router` on `listener` until `shutdown` completes, within `limits`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    open: Open,
    shutdown: impl Future<Output = ()>,
) {
    let service = ServiceBuilder::new()
        .layer(ConcurrencyLimitLayer::new(limits.concurrent_requests))
        .service(router);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (closing, closed) = watch::channel(false);
    let mut shutdown = pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tracing::warn!(%error, "could not accept a web connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(service.clone());
        let mut closed = closed.clone();
        let open = open.clone();
        open.0.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            let _slot = slot;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .keep_alive(true);
            let mut connection = pin!(builder.serve_connection(TokioIo::new(stream), service));
            let ended = tokio::select! {
                result = connection.as_mut() => Some(result),
                _ = closed.wait_for(|closing| *closing) => None,
                () = tokio::time::sleep(limits.connection_lifetime) => None,
            };
            let result = match ended {
                Some(result) => result,
                None => {
                    // The request under way (if any) is finished, then the connection closes.
                    connection.as_mut().graceful_shutdown();
                    tokio::time::timeout(GRACE, connection)
                        .await
                        .unwrap_or(Ok(()))
                }
            };
            if let Err(error) = result {
                tracing::debug!(%error, "web connection ended");
            }
            open.0.fetch_sub(1, Ordering::Relaxed);
        });
    }
    let _ = closing.send(true);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(GRACE * 2, slots.acquire_many(all)).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::time::Instant;

    async fn started(limits: Limits) -> (std::net::SocketAddr, Open, watch::Sender<bool>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        let router = Router::new().route("/", get(|| async { "bonjour" }));
        let open = Open::default();
        let (stop, stopped) = watch::channel(false);
        let mut stopped = stopped;
        tokio::spawn(serve(listener, router, limits, open.clone(), async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }));
        (address, open, stop)
    }

    async fn get_page(address: std::net::SocketAddr) -> String {
        let mut stream = TcpStream::connect(address).await.expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("read");
        answer
    }

    #[tokio::test]
    async fn silent_connections_are_closed_and_capped_and_a_client_is_served_after_them() {
        let limits = Limits {
            max_connections: 4,
            header_read_timeout: Duration::from_millis(600),
            connection_lifetime: Duration::from_secs(30),
            concurrent_requests: 2,
        };
        let (address, open, _stop) = started(limits).await;
        let started_at = Instant::now();
        let mut silent = Vec::new();
        for _ in 0..10 {
            silent.push(TcpStream::connect(address).await.expect("connect"));
        }
        // Ten silent connections, four taken in at most.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(open.now() <= 4, "{} open", open.now());
        // A client behind them is served once slots free up: the silent ones are closed.
        let answer = get_page(address).await;
        assert!(answer.contains("bonjour"), "{answer}");
        let waited = started_at.elapsed();
        assert!(waited >= Duration::from_millis(600), "{waited:?}");
        assert!(waited < Duration::from_secs(5), "{waited:?}");
        // Every silent connection is closed by the server, in bounded time.
        for mut stream in silent {
            let mut byte = [0_u8; 1];
            let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut byte))
                .await
                .expect("closed in time");
            assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
        }
        assert!(open.now() <= 4);
    }

    #[tokio::test]
    async fn an_idle_kept_alive_connection_is_closed() {
        let limits = Limits {
            header_read_timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        let (address, _open, _stop) = started(limits).await;
        let mut stream = TcpStream::connect(address).await.expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("write");
        let mut buffer = vec![0_u8; 4096];
        let read = stream.read(&mut buffer).await.expect("answer");
        assert!(String::from_utf8_lossy(&buffer[..read]).contains("bonjour"));
        // Kept alive, then left idle: closed after the header-read timeout.
        let closed = tokio::time::timeout(Duration::from_secs(3), async {
            loop {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "the idle connection stayed open");
    }
}
