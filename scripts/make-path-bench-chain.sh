#!/bin/sh
# Makes benches/data/path/{root,intermediate,ee}.pem: a 3-certificate RSA-2048/SHA-256 chain
# (root CA -> intermediate CA -> document-signing end entity) for benches/path.rs and
# tests/pki_path.rs.
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/benches/data/path"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cat > ext.cnf <<'CNF'
[ca]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ee]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
CNF
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -sha256 -days 36500 \
  -subj "/C=IR/O=samad bench/CN=Bench Root CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -newkey rsa:2048 -nodes -keyout int.key -out int.csr -subj "/C=IR/O=samad bench/CN=Bench Intermediate CA"
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 2 -days 36500 -sha256 \
  -extfile ext.cnf -extensions ca -out intermediate.pem
openssl req -newkey rsa:2048 -nodes -keyout ee.key -out ee.csr -subj "/C=IR/O=samad bench/CN=Bench Signer"
openssl x509 -req -in ee.csr -CA intermediate.pem -CAkey int.key -set_serial 3 -days 36500 -sha256 \
  -extfile ext.cnf -extensions ee -out ee.pem
# A second intermediate with the same name and another key: a wrong candidate issuer for
# tests/pki_path.rs (the builder must backtrack past it).
openssl req -newkey rsa:2048 -nodes -keyout other.key -out other.csr -subj "/C=IR/O=samad bench/CN=Bench Intermediate CA"
openssl x509 -req -in other.csr -CA root.pem -CAkey root.key -set_serial 4 -days 36500 -sha256 \
  -extfile ext.cnf -extensions ca -out intermediate-other.pem
mkdir -p "$out"
cp root.pem intermediate.pem intermediate-other.pem ee.pem "$out/"
