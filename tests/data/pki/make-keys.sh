#!/usr/bin/env bash
# Makes the software-signer test keys with OpenSSL (an outside implementation), each with
# its public key as DER SubjectPublicKeyInfo, so tests can check that samad loads OpenSSL's
# PKCS#8 and derives the same public key. Run from this directory; commit the output.
set -euo pipefail
cd keys
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out p256.key.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.key.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.key.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out rsa4096.key.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.key.pem
openssl genpkey -algorithm ED25519 -out ed25519.key.pem
for key in *.key.pem; do
  openssl pkey -in "$key" -pubout -outform DER -out "${key%.key.pem}.spki.der"
  openssl pkcs8 -topk8 -nocrypt -in "$key" -outform DER -out "${key%.key.pem}.key.der"
done
# An encrypted PKCS#8 key, which samad must refuse with a clear message.
openssl pkcs8 -topk8 -in p256.key.pem -v2 aes-256-cbc -passout pass:demo -out p256-encrypted.key.pem
