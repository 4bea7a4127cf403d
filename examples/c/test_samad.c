/*
 * The C API's contract (BRIEF §4, spec/status-list.md §7), checked from C against fixtures
 * made by the library at test time (tests/ffi_c.rs writes them, ffi/run-c-tests.sh builds
 * this file against the shared and the static library, with ASan/UBSan and under valgrind).
 *
 *   test_samad FIXTURE_DIR
 *
 * Prints one line per check; exits 0 when every check passed, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samad.h"

static int failures = 0;
static int checks = 0;

static void expect(int ok, const char *what, const char *detail) {
  checks++;
  if (ok) {
    printf("ok   %s\n", what);
  } else {
    failures++;
    printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  }
}

static const char *name(samad_status s) {
  switch (s) {
    case SAMAD_OK: return "SAMAD_OK";
    case SAMAD_INVALID: return "SAMAD_INVALID";
    case SAMAD_INDETERMINATE: return "SAMAD_INDETERMINATE";
    case SAMAD_ERR_ARGUMENT: return "SAMAD_ERR_ARGUMENT";
    case SAMAD_ERR_PARSE: return "SAMAD_ERR_PARSE";
    case SAMAD_ERR_INTERNAL: return "SAMAD_ERR_INTERNAL";
  }
  return "unknown";
}

typedef struct {
  uint8_t *bytes;
  size_t len;
} buffer;

static buffer load(const char *dir, const char *file) {
  char path[4096];
  buffer b = {NULL, 0};
  snprintf(path, sizeof path, "%s/%s", dir, file);
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    exit(2);
  }
  if (fseek(f, 0, SEEK_END) != 0) exit(2);
  long size = ftell(f);
  if (size <= 0 || fseek(f, 0, SEEK_SET) != 0) exit(2);
  b.len = (size_t)size;
  b.bytes = malloc(b.len);
  if (b.bytes == NULL || fread(b.bytes, 1, b.len, f) != b.len) exit(2);
  fclose(f);
  return b;
}

/* A status and its report: the report must be present iff `with_report`, must contain
 * `needle` when given, and is freed here. */
static void expect_status(const char *what, samad_status got, samad_status want, char *report,
                          int with_report, const char *needle) {
  char detail[256];
  snprintf(detail, sizeof detail, "got %s, want %s", name(got), name(want));
  expect(got == want, what, detail);
  if (with_report) {
    expect(report != NULL, "  ... with a JSON document", NULL);
    if (report != NULL && needle != NULL) {
      snprintf(detail, sizeof detail, "%s not in the report", needle);
      expect(strstr(report, needle) != NULL, "  ... which says so", detail);
    }
  } else {
    expect(report == NULL, "  ... and the result pointer is NULL", NULL);
  }
  samad_string_free(report);
}

/* A pointer the library must overwrite with NULL on every path that produces nothing. */
#define SENTINEL ((char *)(uintptr_t)0x1)

/* Calls `call` (which writes `r`) before reading `r`: C leaves argument order unspecified. */
#define CHECK(what, call, want, with_report, needle)          \
  do {                                                        \
    r = SENTINEL;                                             \
    samad_status got_ = (call);                               \
    expect_status(what, got_, want, r, with_report, needle);  \
  } while (0)

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
    return 2;
  }
  const char *dir = argv[1];
  buffer trust = load(dir, "trust.pem");
  buffer valid = load(dir, "valid.pdf");
  buffer tampered = load(dir, "tampered.pdf");
  buffer garbage = load(dir, "garbage.pdf");
  buffer active = load(dir, "status-active.json");
  buffer revoked = load(dir, "status-revoked.json");
  buffer suspended = load(dir, "status-suspended.json");
  buffer data = load(dir, "data.txt");
  buffer sig = load(dir, "data.p7s");
  char *r = NULL;

  const char *version = samad_version();
  expect(version != NULL && strlen(version) > 0, "samad_version is a non-empty string", NULL);

  /* Identifiers: the JSON of `samad id check --json`. */
  CHECK("id 0076229645 is valid", samad_id_check("0076229645", &r), SAMAD_OK, 1,
                "\"canonical\": \"0076229645\"");
  CHECK("id 0076229646 is invalid", samad_id_check("0076229646", &r), SAMAD_INVALID,
                1, "check-mismatch");
  CHECK("id NULL", samad_id_check(NULL, &r), SAMAD_ERR_ARGUMENT, 0, NULL);
  CHECK("id empty", samad_id_check("", &r), SAMAD_ERR_ARGUMENT, 0, NULL);
  expect(samad_id_check("0076229645", NULL) == SAMAD_ERR_ARGUMENT, "id without result pointer",
         NULL);

  /* Diplomas. */
  CHECK("valid diploma", samad_verify_pdf(valid.bytes, valid.len, trust.bytes,
                                                  trust.len, 0, &r),
                SAMAD_OK, 1, "\"indication\": \"TOTAL-PASSED\"");
  CHECK("tampered diploma", samad_verify_pdf(tampered.bytes, tampered.len, trust.bytes,
                                                     trust.len, 0, &r),
                SAMAD_INVALID, 1, "TOTAL-FAILED");
  CHECK("garbage", samad_verify_pdf(garbage.bytes, garbage.len, trust.bytes, trust.len,
                                            0, &r),
                SAMAD_ERR_PARSE, 1, "\"error\"");
  CHECK("NULL pdf", samad_verify_pdf(NULL, valid.len, trust.bytes, trust.len, 0, &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);
  CHECK("zero-length pdf", samad_verify_pdf(valid.bytes, 0, trust.bytes, trust.len, 0,
                                                    &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);
  CHECK("NULL trust", samad_verify_pdf(valid.bytes, valid.len, NULL, trust.len, 0, &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);
  CHECK("zero-length trust", samad_verify_pdf(valid.bytes, valid.len, trust.bytes, 0, 0,
                                                      &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);
  expect(samad_verify_pdf(valid.bytes, valid.len, trust.bytes, trust.len, 0, NULL) ==
             SAMAD_ERR_ARGUMENT,
         "pdf without result pointer", NULL);
  CHECK("trust bundle without certificates",
                samad_verify_pdf(valid.bytes, valid.len, garbage.bytes, garbage.len, 0, &r),
                SAMAD_ERR_ARGUMENT, 1, "\"trust\"");

  /* Status lists (samad_verify_diploma, beside BRIEF's functions). */
  CHECK("active diploma", samad_verify_diploma(valid.bytes, valid.len, active.bytes,
                                                       active.len, trust.bytes, trust.len, 0,
                                                       &r),
                SAMAD_OK, 1, "\"diploma.status\"");
  CHECK("revoked diploma", samad_verify_diploma(valid.bytes, valid.len, revoked.bytes,
                                                        revoked.len, trust.bytes, trust.len, 0,
                                                        &r),
                SAMAD_INVALID, 1, "\"sub_indication\": \"REVOKED\"");
  CHECK("suspended diploma",
                samad_verify_diploma(valid.bytes, valid.len, suspended.bytes, suspended.len,
                                     trust.bytes, trust.len, 0, &r),
                SAMAD_INDETERMINATE, 1, "TRY_LATER");
  CHECK("status list that is not one",
                samad_verify_diploma(valid.bytes, valid.len, garbage.bytes, garbage.len,
                                     trust.bytes, trust.len, 0, &r),
                SAMAD_ERR_ARGUMENT, 1, "status-json");
  CHECK("NULL status list", samad_verify_diploma(valid.bytes, valid.len, NULL, 1,
                                                         trust.bytes, trust.len, 0, &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);

  /* Detached CAdES. */
  CHECK("detached signature", samad_verify_detached(data.bytes, data.len, sig.bytes,
                                                            sig.len, trust.bytes, trust.len, 0,
                                                            &r),
                SAMAD_OK, 1, "TOTAL-PASSED");
  data.bytes[0] ^= 1;
  CHECK("detached signature, changed data",
                samad_verify_detached(data.bytes, data.len, sig.bytes, sig.len, trust.bytes,
                                      trust.len, 0, &r),
                SAMAD_INVALID, 1, "HASH_FAILURE");
  CHECK("detached signature that is garbage",
                samad_verify_detached(data.bytes, data.len, garbage.bytes, garbage.len,
                                      trust.bytes, trust.len, 0, &r),
                SAMAD_ERR_PARSE, 1, "\"error\"");
  CHECK("detached, zero-length data",
                samad_verify_detached(data.bytes, 0, sig.bytes, sig.len, trust.bytes, trust.len,
                                      0, &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);
  CHECK("detached, NULL signature",
                samad_verify_detached(data.bytes, data.len, NULL, sig.len, trust.bytes,
                                      trust.len, 0, &r),
                SAMAD_ERR_ARGUMENT, 0, NULL);

  samad_string_free(NULL);

  buffer all[] = {trust, valid, tampered, garbage, active, revoked, suspended, data, sig};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) free(all[i].bytes);
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
