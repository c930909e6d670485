/**
 * The text of an uploaded CSV file, pure. Excel on a Chinese Windows saves "CSV" in the ANSI code
 * page, GBK (GB18030 is its superset); "CSV UTF-8" adds a byte order mark; other tools write UTF-8
 * without one, and "Unicode text" is UTF-16 with a BOM. So: a BOM decides; otherwise text that is
 * valid UTF-8 is UTF-8 (GBK Chinese text is practically never valid UTF-8); else GB18030.
 * The WHATWG decoders (Node's and every browser's TextDecoder) do the work.
 */

type CsvEncoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf)
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "UTF-8" };
  if (b0 === 0xff && b1 === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "UTF-16LE" };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "UTF-16BE" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "GB18030" };
  }
}
