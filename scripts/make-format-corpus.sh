#!/usr/bin/env bash
# Makes the format-identification corpus of tests/records_formats.rs in DIR, each file
# written by an outside program, none by samad:
#   ghostscript  PDF 1.4, PDF/A-1b, PDF/A-2b, PDF/A-3b      (Debian ghostscript)
#   qpdf         PDF 1.7 and 1.5 rewrites of the gs PDF     (Debian qpdf)
#   ImageMagick  PNG, JPEG (JFIF), TIFF big- and little-endian (Debian imagemagick; the
#                Debian binary is called explicitly, not whatever `convert` is first on PATH)
#   python-docx  DOCX; odfpy ODT; Python's zipfile, json and xml.etree ZIP, JSON, XML, text
#                (the reference venv, scripts/reference/requirements.txt)
# Usage: scripts/make-format-corpus.sh DIR [PYTHON]
set -euo pipefail
out=${1:?usage: make-format-corpus.sh DIR [PYTHON]}
python=${2:-python3}
case $python in */*) python=$(realpath -s "$python") ;; esac
mkdir -p "$out"
cd "$out"

magick=/usr/bin/convert
[ -x /usr/bin/magick ] && magick=/usr/bin/magick

cat > page.ps <<'PS'
%!PS
/Helvetica findfont 24 scalefont setfont
72 720 moveto (samad format corpus) show
showpage
PS
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 \
   -sOutputFile=gs-1.4.pdf page.ps
for part in 1 2 3; do
  gs -q -dBATCH -dNOPAUSE -dSAFER -dPDFA=$part -dPDFACompatibilityPolicy=1 \
     -sColorConversionStrategy=RGB -sDEVICE=pdfwrite -sOutputFile=gs-pdfa$part.pdf page.ps
done
qpdf --min-version=1.7 gs-1.4.pdf qpdf-1.7.pdf
qpdf --force-version=1.5 --object-streams=generate gs-1.4.pdf qpdf-1.5.pdf
rm page.ps

"$magick" -size 16x16 xc:teal im.png
"$magick" -size 16x16 xc:teal -quality 90 im.jpg
"$magick" -size 16x16 xc:teal -compress lzw -endian LSB im-le.tif
"$magick" -size 16x16 xc:teal -compress none -endian MSB im-be.tif

"$python" - <<'PY'
import json, zipfile
import xml.etree.ElementTree as ET
import docx
from odf.opendocument import OpenDocumentText
from odf.text import P

d = docx.Document()
d.add_paragraph("سند آزمایشی samad")
d.save("python-docx.docx")

odt = OpenDocumentText()
odt.text.addElement(P(text="سند آزمایشی samad"))
odt.save("odfpy.odt")

with zipfile.ZipFile("python.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.txt", "one\n")
    z.writestr("b/c.txt", "two\n")

with open("python.json", "w", encoding="utf-8") as f:
    json.dump({"title": "گزارش", "year": 1403, "tags": ["a", "b"]}, f, ensure_ascii=False, indent=2)

root = ET.Element("letter", {"lang": "fa"})
ET.SubElement(root, "title").text = "دعوت به جلسه"
ET.ElementTree(root).write("python.xml", encoding="utf-8", xml_declaration=True)

with open("python.txt", "w", encoding="utf-8") as f:
    f.write("یک متن ساده\nplain UTF-8 text\n")
PY
ls -1
