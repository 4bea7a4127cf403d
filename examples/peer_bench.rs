//! samad's side of `scripts/bench-peers.sh`: in-process timings of what users wait for,
//! printed as one JSON object (microseconds: median, min, max), with the raw `ring`
//! signature cost of the same keys measured in the same process.
//!
//! ```text
//! cargo run --release --example peer_bench -- --pki DIR --rsa-key K --rsa-cert C \
//!     --record tests/data/diploma/record.json --out DIR [--iterations N]
//! ```
//!
//! `--pki` is a `samad pki demo` directory; the RSA-2048 key and certificate are issued under
//! its university CA by the script, so samad and pyHanko sign with the very same keys. The
//! unsigned and signed diplomas are written to `--out` for pyHanko to sign and validate.

use std::path::{Path, PathBuf};
use std::time::Instant;

use samad::clock::SystemClock;
use samad::cms::LtSources;
use samad::diploma::{DiplomaFonts, DiplomaRecord, render};
use samad::pdf::pades::{self, DiplomaSigners, Level, PadesOptions};
use samad::pki::cert::{Certificate, parse_pem_or_der};
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::{Signer, SoftwareSigner};
use samad::pki::trust::TrustStore;
use samad::pki::tsp::DemoTsa;
use samad::validation::ValidationContext;
use serde_json::{Value, json};

type Failure = Box<dyn std::error::Error>;

struct Args {
    pki: PathBuf,
    rsa_key: PathBuf,
    rsa_cert: PathBuf,
    record: PathBuf,
    out: PathBuf,
    iterations: usize,
}

fn parse_args() -> Result<Args, Failure> {
    let mut it = std::env::args().skip(1);
    let (mut pki, mut rsa_key, mut rsa_cert, mut record, mut out) = (None, None, None, None, None);
    let mut iterations = 200;
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--pki" => pki = Some(PathBuf::from(value)),
            "--rsa-key" => rsa_key = Some(PathBuf::from(value)),
            "--rsa-cert" => rsa_cert = Some(PathBuf::from(value)),
            "--record" => record = Some(PathBuf::from(value)),
            "--out" => out = Some(PathBuf::from(value)),
            "--iterations" => iterations = value.parse()?,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let need = |v: Option<PathBuf>, name: &str| v.ok_or_else(|| format!("{name} is required"));
    Ok(Args {
        pki: need(pki, "--pki")?,
        rsa_key: need(rsa_key, "--rsa-key")?,
        rsa_cert: need(rsa_cert, "--rsa-cert")?,
        record: need(record, "--record")?,
        out: need(out, "--out")?,
        iterations,
    })
}

/// Runs `f` a few times to warm up, then `n` times; median, min and max in µs.
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Value {
    for _ in 0..n.div_ceil(10).max(2) {
        std::hint::black_box(f());
    }
    let mut samples: Vec<f64> = (0..n)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    json!({
        "median_us": samples[samples.len() / 2],
        "min_us": samples[0],
        "max_us": samples[samples.len() - 1],
        "n": n,
    })
}

fn signer(key: &Path, chain: &Path) -> Result<SoftwareSigner, Failure> {
    let chain = parse_pem_or_der(&std::fs::read(chain)?)?
        .iter()
        .map(|c| c.der().to_vec())
        .collect();
    Ok(SoftwareSigner::from_pkcs8_pem(
        &std::fs::read_to_string(key)?,
        chain,
    )?)
}

/// Raw signature and verification cost of `signer`'s key on a signed-attributes-sized input.
fn raw(signer: &SoftwareSigner, n: usize) -> Result<(Value, Value), Failure> {
    let message = [0x31u8; 120];
    let spki = signer.public_key_spki()?;
    let signature = signer.sign(&message)?;
    let alg = signer.algorithm();
    let sign = time(n, || signer.sign(&message).map(|s| s.len()).unwrap_or(0));
    let verify = time(n, || alg.verify(&spki, &message, &signature).is_ok());
    Ok((sign, verify))
}

fn main() -> Result<(), Failure> {
    let args = parse_args()?;
    let n = args.iterations;
    let pki = &args.pki;
    std::fs::create_dir_all(&args.out)?;

    let record = DiplomaRecord::from_json(&std::fs::read_to_string(&args.record)?)?;
    let fonts = DiplomaFonts::prepare([&record])?;
    let now = time::OffsetDateTime::now_utc();
    let unsigned = render(&record, &fonts, now)?;
    std::fs::write(args.out.join("unsigned.pdf"), &unsigned)?;

    let official_1 = signer(
        &pki.join("official-1.key.pem"),
        &pki.join("official-1.chain.pem"),
    )?;
    let official_2 = signer(
        &pki.join("official-2.key.pem"),
        &pki.join("official-2.chain.pem"),
    )?;
    let seal = signer(
        &pki.join("ministry-seal.key.pem"),
        &pki.join("ministry-seal.chain.pem"),
    )?;
    let rsa = signer(&args.rsa_key, &args.rsa_cert)?;
    let ec_signers = DiplomaSigners {
        official_1: &official_1,
        official_2: &official_2,
        ministry_seal: &seal,
    };
    let rsa_signers = DiplomaSigners {
        official_1: &rsa,
        official_2: &rsa,
        ministry_seal: &rsa,
    };

    let trust = TrustStore::from_pem(&std::fs::read(pki.join("trust.pem"))?)?;
    let intermediates: Vec<Certificate> =
        parse_pem_or_der(&std::fs::read(pki.join("intermediates.pem"))?)?;
    let crls = OfflineRevocation::new().with_crl_dir(&pki.join("crl"))?;
    let tsa = DemoTsa::new(
        signer(&pki.join("tsa.key.pem"), &pki.join("tsa.chain.pem"))?,
        SystemClock,
    )?;
    let lt = LtSources {
        trust: &trust,
        intermediates: &intermediates,
        revocation: &crls,
        at: now,
    };

    let bb = PadesOptions::new(Level::BB, now);
    let blt = PadesOptions::new(Level::BLt, now).timestamp(&tsa).lt(lt);

    // The documents pyHanko validates, and samad's verification inputs.
    let signed_bb = pades::sign_diploma(&unsigned, &ec_signers, &bb)?;
    let signed_blt = pades::sign_diploma(&unsigned, &ec_signers, &blt)?;
    let signed_rsa = pades::sign_diploma(&unsigned, &rsa_signers, &bb)?;
    std::fs::write(args.out.join("samad-b-b.pdf"), &signed_bb)?;
    std::fs::write(args.out.join("samad-b-lt.pdf"), &signed_blt)?;
    std::fs::write(args.out.join("samad-b-b-rsa.pdf"), &signed_rsa)?;

    let ctx = ValidationContext::new(&trust, now)
        .intermediates(intermediates.clone())
        .revocation(&crls, "offline");
    for (name, pdf) in [
        ("B-B", &signed_bb),
        ("B-LT", &signed_blt),
        ("B-B RSA", &signed_rsa),
    ] {
        let report = pades::verify_pdf(pdf, &ctx)?;
        if report.indication.as_str() != "TOTAL-PASSED" {
            return Err(format!("samad's own {name} diploma did not verify: {report:?}").into());
        }
    }
    let verify_ok = |pdf: &[u8]| {
        pades::verify_pdf(pdf, &ctx)
            .map(|r| r.indication.as_str() == "TOTAL-PASSED")
            .unwrap_or(false)
    };

    let (ec_sign, ec_verify) = raw(&official_1, n.max(500))?;
    let (rsa_sign, rsa_verify) = raw(&rsa, n.max(200))?;
    let sign_one = |signers: &DiplomaSigners<'_>| {
        pades::sign_field(
            &unsigned,
            "official-1",
            signers.official_1,
            "official-1",
            Some(2),
            &bb,
        )
        .map(|pdf| pdf.len())
        .unwrap_or(0)
    };
    let result = json!({
        "tool": "samad",
        "iterations": n,
        "render": time(n, || render(&record, &fonts, now).map(|p| p.len()).unwrap_or(0)),
        "sign_one_b_b_p256": time(n, || sign_one(&ec_signers)),
        "sign_one_b_b_rsa2048": time(n, || sign_one(&rsa_signers)),
        "diploma_render_sign3_b_b_p256": time(n, || {
            render(&record, &fonts, now)
                .ok()
                .and_then(|pdf| pades::sign_diploma(&pdf, &ec_signers, &bb).ok())
                .map_or(0, |pdf| pdf.len())
        }),
        "diploma_render_sign3_b_b_rsa2048": time(n, || {
            render(&record, &fonts, now)
                .ok()
                .and_then(|pdf| pades::sign_diploma(&pdf, &rsa_signers, &bb).ok())
                .map_or(0, |pdf| pdf.len())
        }),
        "verify_b_b": time(n, || verify_ok(&signed_bb)),
        "verify_b_lt": time(n, || verify_ok(&signed_blt)),
        "raw_ring_p256_sign": ec_sign,
        "raw_ring_p256_verify": ec_verify,
        "raw_ring_rsa2048_sign": rsa_sign,
        "raw_ring_rsa2048_verify": rsa_verify,
    });
    println!("{result}");
    Ok(())
}
