//! `HttpTsa` (cargo feature `http`) against an HTTP TSA on localhost: a minimal HTTP/1.1
//! server in this test answering with samad's demo TSA, then a server that never answers
//! (the timeout) and one that answers with the wrong content type.
#![cfg(feature = "http")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use samad::clock::FixedClock;
use samad::pki::algorithm::DigestAlgorithm;
use samad::pki::demo::DemoPki;
use samad::pki::signer::SoftwareSigner;
use samad::pki::tsp::{DemoTsa, HttpTsa, TimestampRequest, TspError, request_timestamp};
use samad::time::macros::datetime;

/// Serves one HTTP request on `listener` with `answer(body) -> (content type, body)`.
fn serve_once(
    listener: TcpListener,
    answer: impl FnOnce(Vec<u8>) -> (String, Vec<u8>) + Send + 'static,
) {
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut length = 0usize;
        let mut content_type = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if let Some(v) = lower.strip_prefix("content-type:") {
                content_type = v.trim().to_owned();
            }
        }
        assert_eq!(content_type, "application/timestamp-query");
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let (reply_type, reply) = answer(body);
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: {reply_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            reply.len()
        )
        .unwrap();
        stream.write_all(&reply).unwrap();
    });
}

#[test]
fn http_tsa_round_trip_timeout_and_content_type() {
    let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
    let pki = DemoPki::generate(&clock).unwrap();
    let signer = SoftwareSigner::from_pkcs8_der(&pki.tsa.private_key, pki.tsa.chain()).unwrap();
    let tsa = DemoTsa::new(signer, clock).unwrap();
    let request = TimestampRequest::for_data(DigestAlgorithm::Sha256, b"over HTTP")
        .with_random_nonce()
        .unwrap();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", listener.local_addr().unwrap());
    serve_once(listener, move |body| {
        (
            "application/timestamp-reply".to_owned(),
            tsa.respond(&body).unwrap(),
        )
    });
    let http = HttpTsa::new(&url, Duration::from_secs(10)).unwrap();
    let stamp = request_timestamp(&http, &request, &[]).unwrap();
    assert_eq!(stamp.gen_time, datetime!(2025-03-20 10:00 UTC));

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", listener.local_addr().unwrap());
    serve_once(listener, |_| ("text/html".to_owned(), b"<html>".to_vec()));
    let err = request_timestamp(
        &HttpTsa::new(&url, Duration::from_secs(10)).unwrap(),
        &request,
        &[],
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("not application/timestamp-reply"),
        "{err}"
    );

    // A server that accepts and never answers: the exchange ends at the timeout.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", silent.local_addr().unwrap());
    let started = Instant::now();
    let err = request_timestamp(
        &HttpTsa::new(&url, Duration::from_millis(500)).unwrap(),
        &request,
        &[],
    )
    .unwrap_err();
    assert!(matches!(err, TspError::Source { .. }), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    drop(silent);

    assert!(HttpTsa::new("ftp://tsa.example", Duration::from_secs(1)).is_err());
}
