#!/usr/bin/env python3
"""Verify a signed diploma from Python through samad's C API (ctypes, standard library only).

    verify.py FILE.pdf TRUST.pem [STATUS-LIST.json]
    verify.py --self-test FIXTURE_DIR        (run by ffi/run-c-tests.sh)

The shared library is found through $SAMAD_LIB (path to libsamad_ffi.so), else the
system's search path. Exit status: 0 TOTAL-PASSED, 1 TOTAL-FAILED, 2 INDETERMINATE, 3 input
that could not be read or used.
"""

import ctypes
import ctypes.util
import json
import os
import sys

# samad_status (ffi/include/samad.h).
STATUS = {0: "SAMAD_OK", 1: "SAMAD_INVALID", 2: "SAMAD_INDETERMINATE",
          10: "SAMAD_ERR_ARGUMENT", 11: "SAMAD_ERR_PARSE", 99: "SAMAD_ERR_INTERNAL"}


def load_library():
    path = os.environ.get("SAMAD_LIB") or ctypes.util.find_library("samad_ffi")
    if not path:
        sys.exit("libsamad_ffi not found: set SAMAD_LIB to its path")
    lib = ctypes.CDLL(path)
    u8p, size, out = ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)
    lib.samad_version.restype = ctypes.c_char_p
    lib.samad_string_free.argtypes = [ctypes.c_void_p]
    lib.samad_verify_pdf.argtypes = [u8p, size, u8p, size, ctypes.c_int64, out]
    lib.samad_verify_diploma.argtypes = [u8p, size, u8p, size, u8p, size, ctypes.c_int64, out]
    lib.samad_id_check.argtypes = [ctypes.c_char_p, out]
    for f in (lib.samad_verify_pdf, lib.samad_verify_diploma, lib.samad_id_check):
        f.restype = ctypes.c_int
    return lib


def take_string(lib, pointer):
    """The JSON the library returned, decoded, and the library's copy freed."""
    if not pointer.value:
        return None
    try:
        return json.loads(ctypes.string_at(pointer.value).decode("utf-8"))
    finally:
        lib.samad_string_free(pointer.value)


def verify(lib, pdf, trust, status_list=None, at_unix=0):
    """(status name, report dict or None) for a PDF, optionally with a status list."""
    report = ctypes.c_void_p()
    if status_list is None:
        code = lib.samad_verify_pdf(pdf, len(pdf), trust, len(trust), at_unix,
                                    ctypes.byref(report))
    else:
        code = lib.samad_verify_diploma(pdf, len(pdf), status_list, len(status_list), trust,
                                        len(trust), at_unix, ctypes.byref(report))
    return STATUS.get(code, str(code)), take_string(lib, report)


def self_test(lib, directory):
    def read(name):
        with open(os.path.join(directory, name), "rb") as f:
            return f.read()

    trust, valid = read("trust.pem"), read("valid.pdf")
    cases = [
        ("valid", verify(lib, valid, trust), "SAMAD_OK", "TOTAL-PASSED"),
        ("tampered", verify(lib, read("tampered.pdf"), trust), "SAMAD_INVALID", "TOTAL-FAILED"),
        ("garbage", verify(lib, read("garbage.pdf"), trust), "SAMAD_ERR_PARSE", None),
        ("empty", verify(lib, b"", trust), "SAMAD_ERR_ARGUMENT", None),
        ("revoked", verify(lib, valid, trust, read("status-revoked.json")), "SAMAD_INVALID",
         "TOTAL-FAILED"),
    ]
    failed = 0
    for what, (status, report), want, indication in cases:
        ok = status == want and (indication is None or report["indication"] == indication)
        if what == "revoked":
            ok = ok and report["sub_indication"] == "REVOKED"
        failed += not ok
        print(("ok  " if ok else "FAIL"), what, status)
    result = ctypes.c_void_p()
    code = lib.samad_id_check(b"0076229645", ctypes.byref(result))
    checked = take_string(lib, result)
    ok = STATUS[code] == "SAMAD_OK" and checked["canonical"] == "0076229645"
    failed += not ok
    print(("ok  " if ok else "FAIL"), "id check", STATUS[code])
    print("samad", lib.samad_version().decode(), "-", failed, "failed")
    return 1 if failed else 0


def main(argv):
    lib = load_library()
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(lib, argv[2])
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 3
    files = []
    for path in argv[1:]:
        with open(path, "rb") as f:
            files.append(f.read())
    status, report = verify(lib, files[0], files[1], files[2] if len(files) == 3 else None)
    if report is not None:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return {"SAMAD_OK": 0, "SAMAD_INVALID": 1, "SAMAD_INDETERMINATE": 2}.get(status, 3)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
