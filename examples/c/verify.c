/*
 * verify: check a signed diploma (or any signed PDF) with samad's C API and print the
 * validation report (the JSON document `samad verify --json` prints).
 *
 *   verify FILE.pdf TRUST.pem [STATUS-LIST.json]
 *
 * Exit status: 0 TOTAL-PASSED, 1 TOTAL-FAILED, 2 INDETERMINATE, 3 the input could not be
 * read or used. Build: see ffi/run-c-tests.sh (cc verify.c -Iffi/include -lsamad_ffi).
 */
#include <stdio.h>
#include <stdlib.h>

#include "samad.h"

/* Reads a whole file; NULL (and a message) when it cannot. */
static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    return NULL;
  }
  uint8_t *buf = NULL;
  size_t cap = 0;
  *len = 0;
  for (;;) {
    if (*len == cap) {
      cap = cap ? cap * 2 : 65536;
      uint8_t *grown = realloc(buf, cap);
      if (grown == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = grown;
    }
    size_t n = fread(buf + *len, 1, cap - *len, f);
    if (n == 0) break;
    *len += n;
  }
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: %s FILE.pdf TRUST.pem [STATUS-LIST.json]\n", argv[0]);
    return 3;
  }
  size_t pdf_len = 0, trust_len = 0, list_len = 0;
  uint8_t *pdf = read_file(argv[1], &pdf_len);
  uint8_t *trust = read_file(argv[2], &trust_len);
  uint8_t *list = argc == 4 ? read_file(argv[3], &list_len) : NULL;
  int code = 3;
  if (pdf != NULL && trust != NULL && (argc == 3 || list != NULL)) {
    char *report = NULL;
    samad_status status =
        list == NULL
            ? samad_verify_pdf(pdf, pdf_len, trust, trust_len, 0, &report)
            : samad_verify_diploma(pdf, pdf_len, list, list_len, trust, trust_len, 0, &report);
    if (report != NULL) puts(report);
    samad_string_free(report);
    switch (status) {
      case SAMAD_OK: code = 0; break;
      case SAMAD_INVALID: code = 1; break;
      case SAMAD_INDETERMINATE: code = 2; break;
      default: fprintf(stderr, "samad: status %d\n", (int)status); code = 3; break;
    }
  }
  free(pdf);
  free(trust);
  free(list);
  return code;
}
