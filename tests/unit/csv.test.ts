import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvRow, toCsv } from "../../app/lib/csv";

describe("formula-safe CSV", () => {
  it.each([
    ["=HYPERLINK(\"x\")", `"'=HYPERLINK(""x"")"\r\n`],
    ["+1 555", `"'+1 555"\r\n`],
    ["-5", `"'-5"\r\n`],
    ["@SUM(A1)", `"'@SUM(A1)"\r\n`],
    ["\tTab", `"'\tTab"\r\n`],
    ["\rCR", `"'\rCR"\r\n`],
    ["plain", "plain\r\n"],
    ["a,b", '"a,b"\r\n'],
    ['say "hi"', '"say ""hi"""\r\n'],
    ["two\nlines", '"two\nlines"\r\n'],
  ])("text %j -> %j", (input, expected) => expect(csvRow([input])).toBe(expected));

  it("leaves numbers as numbers (a negative quantity or balance stays -5), and writes empty cells for null and undefined", () => {
    expect(csvRow([null, undefined, 42, 0, -5, -0.25])).toBe(",,42,0,-5,-0.25\r\n");
  });

  it("writes dates as ISO 8601", () => {
    expect(csvRow([new Date("2026-11-20T10:00:00Z")])).toBe("2026-11-20T10:00:00.000Z\r\n");
  });

  it("writes a header and rows with CRLF line ends", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("a,b\r\n1,x\r\n");
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });

  it("reads back as the same cells, the escaped ones with their quote", () => {
    const rows = [["=1+1", "-5", "ok, fine", 'say "hi"', "two\nlines"], [-5, 3.5, "", "x", "y"]];
    const parsed = Papa.parse<string[]>(toCsv(["a", "b", "c", "d", "e"], rows), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ["a", "b", "c", "d", "e"],
      ["'=1+1", "'-5", "ok, fine", 'say "hi"', "two\nlines"],
      ["-5", "3.5", "", "x", "y"],
    ]);
  });
});
