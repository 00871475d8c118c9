// Looking at a file before importing it: is it text, which delimiter, which columns, which preset
// (or saved template, or mapping), and the shop's time zone to read local times in. Unusable files
// fail here, with a message that says why, before any batch exists.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { getShop } from "../shops/shops.server";
import type { ColumnMapping } from "./fields";
import { absentColumns, detectPreset, isPresetId, missingRequired, type PresetId, PRESETS, presetMapping } from "./presets";
import { firstLine, looksBinary, sniffDelimiter, uniqueColumns } from "./sniff";
import { findTemplate } from "./templates.server";

export interface FileToImport {
  path: string;
  /** "auto" (default) detects the preset from the header row. */
  preset?: "auto" | PresetId;
  /** A mapping made in the mapping step (files that match no preset). */
  mapping?: ColumnMapping;
  /** A saved template of this shop. */
  templateId?: number;
  /** The name to show (the upload's original name); defaults to the path's last part. */
  fileName?: string;
}

export interface PreparedImport {
  path: string;
  fileName: string;
  fileBytes: number;
  delimiter: string;
  columns: string[];
  mapping: ColumnMapping;
  /** What the batch records as its preset: tiktok, shopify, generic, template:<name> or custom. */
  preset: string;
  source: string;
  continuationRows: boolean;
  timeZone: string;
}

const unusable = (message: string) => new AppError(400, message, { code: "unusable_file" });

/** Reads the start of the file and settles how to read it; unusable files fail here, before any batch. */
export async function prepareImport(scope: ShopScope, req: FileToImport): Promise<PreparedImport> {
  const fileName = req.fileName ?? req.path.split(/[\\/]/).pop() ?? "import.csv";
  let size: number;
  try {
    const s = await stat(req.path);
    if (!s.isFile()) throw unusable(`${req.path} is not a file.`);
    size = s.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unusable(`No file at ${req.path}.`);
  }
  if (size === 0) throw unusable(`${fileName} is empty.`);
  const handle = await open(req.path, "r");
  const sample = Buffer.alloc(Math.min(size, 256 * 1024));
  try {
    await handle.read(sample, 0, sample.length, 0);
  } finally {
    await handle.close();
  }
  if (looksBinary(sample)) throw unusable(`${fileName} is not a CSV file (it looks like a spreadsheet or another binary file); export it as CSV first.`);
  const text = new StringDecoder("utf8").write(sample);
  const delimiter = sniffDelimiter(firstLine(text));
  const header = (Papa.parse<string[]>(text, { delimiter, preview: 1 }).data[0] ?? []).map((h) => h.replace(/^\uFEFF/, ""));
  if (header.length < 2) {
    throw unusable(`${fileName} does not look like a CSV file: its first line has no commas, semicolons or tabs between column names.`);
  }
  const columns = uniqueColumns(header);

  let mapping: ColumnMapping;
  let preset: string;
  let source = "csv";
  let continuationRows = true;
  if (req.mapping) {
    mapping = req.mapping;
    preset = "custom";
  } else if (req.templateId !== undefined) {
    const template = await findTemplate(scope, req.templateId);
    mapping = template.mapping;
    preset = `template:${template.name}`;
  } else {
    const chosen = req.preset && req.preset !== "auto" ? req.preset : detectPreset(columns).preset;
    if (!chosen || !isPresetId(chosen)) {
      throw unusable(
        `${fileName} is not a TikTok Shop, Shopify or generic-template export we recognise (its first columns: ${columns.slice(0, 6).join(", ")}${columns.length > 6 ? ", ..." : ""}). Choose a preset, or map its columns on the Import page.`,
      );
    }
    const p = PRESETS[chosen];
    mapping = presetMapping(p, columns);
    preset = p.id;
    source = p.source;
    continuationRows = p.continuationRows;
    const missing = missingRequired(mapping);
    if (missing.length) throw unusable(`${fileName} does not have the columns the ${p.name} preset needs: ${missing.join(", ")}.`);
  }
  const absent = absentColumns(mapping, columns);
  if (absent.length) throw unusable(`${fileName} has no column named ${absent.map((c) => `"${c}"`).join(", ")}, which the mapping uses.`);
  const missing = missingRequired(mapping);
  if (missing.length) throw unusable(`The mapping leaves out required fields: ${missing.join(", ")}.`);
  const shop = await getShop(scope.db, scope.shopId);
  return { path: req.path, fileName, fileBytes: size, delimiter, columns, mapping, preset, source, continuationRows, timeZone: shop.time_zone };
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

