//! Diplomas checked by tools nobody here wrote (spec/diploma.md §5–§7): `qpdf --check`,
//! poppler's `pdftotext` and `pdfdetach`, and `zbarimg` reading the QR code from a
//! `pdftoppm` rendering. Under `SAMAD_FULL=1` a missing tool fails the test.

mod diploma_fixtures;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use diploma_fixtures::{CREATED, batch, scratch};
use samad::diploma::{DiplomaFonts, DiplomaRecord, qr_payload, render};
use samad::text::{normalize, search_key, to_persian_digits};

/// Renders the test batch into `dir`, one PDF per diploma, fonts prepared once.
fn rendered(dir: &str) -> Vec<(DiplomaRecord, PathBuf)> {
    let records = batch();
    let fonts = DiplomaFonts::prepare(&records).expect("prepare fonts");
    let dir = scratch(dir);
    records
        .into_iter()
        .map(|record| {
            let pdf = render(&record, &fonts, CREATED).expect("render");
            let path = dir.join(format!("{}.pdf", record.number().compact()));
            std::fs::write(&path, pdf).expect("write pdf");
            (record, path)
        })
        .collect()
}

fn run(program: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(program).args(args).output().expect("run tool");
    assert!(
        out.status.success(),
        "{} {args:?} failed: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn qpdf_check_is_clean() {
    let Some(qpdf) = support::tool("qpdf", &["qpdf"], "apt-get install qpdf") else {
        return;
    };
    for (_, pdf) in rendered("qpdf") {
        let out = run(&qpdf, &["--check", s(&pdf)]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stdout.contains("No syntax or stream encoding errors found"),
            "{stdout}"
        );
        assert!(stderr.trim().is_empty(), "qpdf warned: {stderr}");
        assert!(stdout.contains("File is not encrypted"), "{stdout}");
    }
}

/// poppler marks right-to-left stretches with U+202B … U+202C (and may use other bidi
/// controls); they are presentation, not text, so they are removed before comparing.
fn without_bidi_controls(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[test]
fn pdftotext_returns_the_logical_text() {
    let Some(pdftotext) = support::poppler("pdftotext") else {
        return;
    };
    for (record, pdf) in rendered("pdftotext") {
        let out = run(&pdftotext, &["-enc", "UTF-8", s(&pdf), "-"]);
        let text = without_bidi_controls(&String::from_utf8(out.stdout).expect("UTF-8 text"));
        let lines: Vec<String> = text.lines().map(|l| normalize(l.trim())).collect();
        let has_line = |wanted: &str| lines.iter().any(|l| l == wanted);
        let g = record.graduate();
        let d = record.degree();
        let i = record.issuer();

        // Lines that are wholly Persian come back in logical order, ZWNJ included.
        let name = format!("{} {}", g.first_name_fa, g.last_name_fa);
        assert!(has_line(&name), "no line {name:?} in:\n{text}");
        assert!(has_line(&i.university_name_fa), "no university in:\n{text}");
        for title in i.signers.iter().map(|s| &s.title_fa) {
            assert!(has_line(title), "no signer title {title:?} in:\n{text}");
        }
        // The field sits in a sentence with digits: poppler writes such mixed lines as
        // right-to-left segments in visual order, each segment in logical order.
        let sentence = lines
            .iter()
            .find(|l| l.contains(&d.field_fa))
            .unwrap_or_else(|| panic!("no field {:?} in:\n{text}", d.field_fa));
        let date = record.graduation_date();
        assert!(sentence.contains(date.month_name_fa()), "{sentence}");
        assert!(
            sentence.contains(&to_persian_digits(&date.year().to_string())),
            "{sentence}"
        );
        assert!(search_key(&text).contains(&search_key(&name)));

        // The English lines.
        let english = format!(
            "This is to certify that {} {}, national code {}, student ID {},",
            g.first_name_en, g.last_name_en, g.national_code, g.student_id
        );
        assert!(has_line(&english), "no line {english:?} in:\n{text}");
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("program in {} on {}", d.field_en, date)))
        );
        assert!(has_line(&i.university_name_en));
        assert!(has_line(&format!("Diploma No. {}", record.number())));

        // Arabic-form letters typed in the CSV never reach the page.
        assert!(
            !text.contains(['\u{064A}', '\u{0643}']),
            "Arabic yeh/kaf in:\n{text}"
        );
    }
}

#[test]
fn zwnj_survives_extraction() {
    let Some(pdftotext) = support::poppler("pdftotext") else {
        return;
    };
    let (record, pdf) = rendered("zwnj")
        .into_iter()
        .nth(1)
        .expect("second graduate");
    assert_eq!(record.graduate().first_name_fa, "نوش\u{200C}آفرین");
    let out = run(&pdftotext, &["-enc", "UTF-8", s(&pdf), "-"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("نوش\u{200C}آفرین کریمی\u{200C}نژاد"),
        "{text}"
    );
}

#[test]
fn pdfdetach_extracts_the_canonical_record() {
    let Some(pdfdetach) = support::poppler("pdfdetach") else {
        return;
    };
    for (record, pdf) in rendered("pdfdetach") {
        let list = run(&pdfdetach, &["-list", s(&pdf)]);
        assert!(String::from_utf8_lossy(&list.stdout).contains("1: diploma-record.json"));
        let out = pdf.with_extension("json");
        run(&pdfdetach, &["-save", "1", "-o", s(&out), s(&pdf)]);
        let extracted = std::fs::read(&out).expect("extracted record");
        let canonical = record.canonical_json().expect("canonical");
        assert_eq!(extracted, canonical.as_bytes(), "embedded record differs");
        let reread = DiplomaRecord::from_json(std::str::from_utf8(&extracted).expect("utf-8"))
            .expect("extracted record parses");
        assert_eq!(reread, record);
    }
}

#[test]
fn zbarimg_reads_the_qr_payload() {
    let (Some(pdftoppm), Some(zbarimg)) = (
        support::poppler("pdftoppm"),
        support::tool("zbarimg", &["zbarimg"], "apt-get install zbar-tools"),
    ) else {
        return;
    };
    for (record, pdf) in rendered("qr") {
        let png = pdf.with_extension("");
        run(
            &pdftoppm,
            &["-png", "-r", "150", "-singlefile", s(&pdf), s(&png)],
        );
        let out = run(&zbarimg, &["-q", "--raw", s(&png.with_extension("png"))]);
        let decoded = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(decoded.trim_end(), qr_payload(&record).expect("payload"));
    }
}

/// `docs/sample-diploma.png`, the README's picture, is this test's rendering of the first
/// diploma; `SAMAD_REGENERATE=1` rewrites it. Without that it checks the committed picture
/// is a PNG of an A4 landscape page at 72 dpi (pdftoppm rounds 595.28 pt up).
#[test]
fn sample_picture_for_the_readme() {
    let Some(pdftoppm) = support::poppler("pdftoppm") else {
        return;
    };
    let (_, pdf) = rendered("sample")
        .into_iter()
        .next()
        .expect("first diploma");
    let target = support::repo_root().join("docs/sample-diploma.png");
    if std::env::var_os("SAMAD_REGENERATE").is_some() {
        std::fs::create_dir_all(target.parent().expect("docs")).expect("docs dir");
        let stem = target.with_extension("");
        run(
            &pdftoppm,
            &["-png", "-r", "72", "-singlefile", s(&pdf), s(&stem)],
        );
    }
    let png = std::fs::read(&target).expect("docs/sample-diploma.png");
    assert_eq!(png.get(..8), Some(&b"\x89PNG\r\n\x1a\n"[..]));
    let dimension = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
    assert_eq!((dimension(16), dimension(20)), (842, 596));
}
