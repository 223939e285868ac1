import { describe, expect, it } from "vitest";
import { expandHome, exportFileName, folderOf, formatOfName, homeFromDataDir, isAbsolute, joinPath, rememberFolderOf, rememberedFolder, suggestedFolder, withExtension } from "./files";

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe("file paths", () => {
  it("finds the home folder from the usual data folder only", () => {
    expect(homeFromDataDir("/home/ana/.local/share/outpost")).toBe("/home/ana");
    expect(homeFromDataDir("/home/ana/.local/share/outpost/")).toBe("/home/ana");
    expect(homeFromDataDir("/tmp/outpost-e2e-x")).toBeNull();
  });

  it("suggests the folder used last, else home, else the data folder", () => {
    expect(suggestedFolder("/home/ana/.local/share/outpost", "/home/ana/Downloads")).toBe("/home/ana/Downloads");
    expect(suggestedFolder("/home/ana/.local/share/outpost", null)).toBe("/home/ana");
    expect(suggestedFolder("/srv/outpost/", null)).toBe("/srv/outpost");
  });

  it("remembers the folder of the last file", () => {
    const storage = memory();
    expect(rememberedFolder(storage)).toBeNull();
    rememberFolderOf("/home/ana/Downloads/a.vcf", storage);
    expect(rememberedFolder(storage)).toBe("/home/ana/Downloads");
    expect(folderOf("a.vcf")).toBeNull();
  });

  it("expands ~ and tells full paths from relative ones", () => {
    expect(expandHome(" ~/Downloads/a.vcf ", "/home/ana")).toBe("/home/ana/Downloads/a.vcf");
    expect(expandHome("~/a.vcf", null)).toBe("~/a.vcf");
    expect(isAbsolute("/a.vcf")).toBe(true);
    expect(isAbsolute("C:\\Users\\ana\\a.vcf")).toBe(true);
    expect(isAbsolute("a.vcf")).toBe(false);
    expect(isAbsolute("~/a.vcf")).toBe(false);
  });

  it("names files and formats", () => {
    expect(joinPath("/home/ana/", "x.vcf")).toBe("/home/ana/x.vcf");
    expect(joinPath("C:\\Users\\ana", "x.vcf")).toBe("C:\\Users\\ana\\x.vcf");
    expect(exportFileName("contacts", "csv", new Date(2026, 10, 5))).toBe("outpost-contacts-2026-11-05.csv");
    expect(formatOfName("/a/B.VCF")).toBe("vcf");
    expect(formatOfName("/a/b.txt")).toBeNull();
    expect(withExtension("/a/b.vcf", "csv")).toBe("/a/b.csv");
    expect(withExtension("/a/b.txt", "csv")).toBe("/a/b.txt");
  });
});
