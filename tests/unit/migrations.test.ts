import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations";

describe("migrations", () => {
  it("lists every file in db/migrations, in name order", () => {
    const files = readdirSync(new URL("../../db/migrations", import.meta.url))
      .filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
