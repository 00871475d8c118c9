import { describe, expect, it } from "vitest";
import { csvCell, csvRow, toCsv } from "../../app/lib/csv";

describe("formula-safe CSV", () => {
  it.each([
    ["=HYPERLINK(\"x\")", `"'=HYPERLINK(""x"")"`],
    ["+1 555", "'+1 555"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rCR", `"'\rCR"`],
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
  ])("%j -> %j", (input, expected) => expect(csvCell(input)).toBe(expected));

  it("writes empty cells for null and undefined, numbers as they are", () => {
    expect(csvRow([null, undefined, 42, 0])).toBe(",,42,0\r\n");
  });

  it("writes a header and rows with CRLF line ends", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("a,b\r\n1,x\r\n");
  });
});
