//! A fresh SoftHSM2 token in a temporary directory, for the PKCS#11 tests: its own
//! configuration file (`SOFTHSM2_CONF`), initialized with a label, a user PIN and an SO PIN;
//! keys generated on it or imported into it, public keys read back. Every tool runs with
//! the token's configuration in its environment only.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An initialized token under a caller-owned directory.
pub struct SoftHsmToken {
    /// The PKCS#11 module (`libsofthsm2.so`).
    pub module: PathBuf,
    /// `softhsm2-util`.
    pub util: PathBuf,
    /// The configuration file to pass as `SOFTHSM2_CONF`.
    pub conf: PathBuf,
    /// The token label.
    pub label: String,
    /// The user PIN.
    pub pin: String,
    dir: PathBuf,
}

impl SoftHsmToken {
    /// Initializes a token labelled `label` with user PIN `pin` in `dir/tokens`; `None` (the
    /// test skips, or fails in the full suite) when SoftHSM2 is missing.
    pub fn init(dir: &Path, label: &str, pin: &str) -> Option<SoftHsmToken> {
        let (module, util) = super::softhsm2()?;
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).expect("token directory");
        let conf = dir.join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                tokens.display()
            ),
        )
        .expect("softhsm2.conf");
        let token = SoftHsmToken {
            module,
            util,
            conf,
            label: label.to_owned(),
            pin: pin.to_owned(),
            dir: dir.to_owned(),
        };
        let util = token.util.clone();
        token.run_ok(
            &util,
            &[
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                "87654321",
                "--pin",
                pin,
            ],
        );
        Some(token)
    }

    /// `program` with this token's configuration in its environment.
    pub fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command.env("SOFTHSM2_CONF", &self.conf);
        command
    }

    /// Runs `program args` with the token's configuration; panics with its output on failure.
    pub fn run_ok(&self, program: &Path, args: &[&str]) -> Output {
        let out = self.command(program).args(args).output().expect("run tool");
        assert!(
            out.status.success(),
            "{} {args:?}: {}{}",
            program.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn pkcs11_tool(&self, pkcs11_tool: &Path, extra: &[&str]) -> Output {
        let module = self.module.to_str().expect("module path is UTF-8");
        let mut args = vec!["--module", module, "--token-label", &self.label];
        args.extend_from_slice(extra);
        self.run_ok(pkcs11_tool, &args)
    }

    /// Generates a key pair on the token with OpenSC's `pkcs11-tool` (`key_type` as it
    /// names them: `EC:prime256v1`, `rsa:2048`); `id` in hex.
    pub fn generate_key(&self, pkcs11_tool: &Path, key_type: &str, label: &str, id: &str) {
        self.pkcs11_tool(
            pkcs11_tool,
            &[
                "--login",
                "--pin",
                &self.pin,
                "--keypairgen",
                "--key-type",
                key_type,
                "--label",
                label,
                "--id",
                id,
            ],
        );
    }

    /// The DER SubjectPublicKeyInfo of the key labelled `label`, read back from the token.
    pub fn public_key(&self, pkcs11_tool: &Path, label: &str) -> Vec<u8> {
        let file = self.dir.join(format!("{label}.spki.der"));
        let path = file.to_str().expect("path is UTF-8");
        self.pkcs11_tool(
            pkcs11_tool,
            &[
                "--read-object",
                "--type",
                "pubkey",
                "--label",
                label,
                "--output-file",
                path,
            ],
        );
        std::fs::read(&file).expect("public key")
    }

    /// Imports a PEM private key file into the token with `softhsm2-util`.
    pub fn import_key(&self, key_pem: &Path, label: &str, id: &str) {
        let key = key_pem.to_str().expect("path is UTF-8");
        self.run_ok(
            &self.util,
            &[
                "--import",
                key,
                "--token",
                &self.label,
                "--label",
                label,
                "--id",
                id,
                "--pin",
                &self.pin,
            ],
        );
    }
}
