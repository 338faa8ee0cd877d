import assert from "node:assert/strict";
import { LANGUAGES } from "../../src/analysis/languages.ts";

const byName = new Map(LANGUAGES.map((language) => [language.name, language]));

Deno.test("LANGUAGES has at least 30 languages with unique names", () => {
  assert.ok(LANGUAGES.length >= 30);
  assert.equal(byName.size, LANGUAGES.length);
});

Deno.test("LANGUAGES includes every language the analysis promises", () => {
  const required = [
    "TypeScript",
    "TSX",
    "JavaScript",
    "JSX",
    "Python",
    "Go",
    "Rust",
    "Java",
    "Kotlin",
    "C",
    "C++",
    "C Header",
    "C#",
    "Swift",
    "Ruby",
    "PHP",
    "Shell",
    "PowerShell",
    "SQL",
    "HTML",
    "CSS",
    "SCSS",
    "Less",
    "Vue",
    "Svelte",
    "Markdown",
    "JSON",
    "JSONC",
    "YAML",
    "TOML",
    "XML",
    "Dockerfile",
    "Makefile",
    "Lua",
    "Dart",
    "Scala",
    "Elixir",
    "Haskell",
    "R",
    "Perl",
    "Zig",
    "Nix",
    "HCL",
    "GraphQL",
    "Protocol Buffers",
    "INI",
    "Batch",
  ];
  for (const name of required) assert.ok(byName.has(name), name);
});

Deno.test("LANGUAGES claims each extension, file name and interpreter once", () => {
  for (const key of ["extensions", "fileNames", "interpreters"] as const) {
    const seen = new Map<string, string>();
    for (const language of LANGUAGES) {
      for (const value of language[key] ?? []) {
        const id = key === "extensions" ? value : value.toLowerCase();
        assert.equal(
          seen.get(id),
          undefined,
          `${key} ${value}: ${seen.get(id)} and ${language.name}`,
        );
        seen.set(id, language.name);
      }
    }
  }
});

Deno.test("LANGUAGES nests block comments where the languages do", () => {
  const nests = (name: string) => byName.get(name)?.blockComments?.some((block) => block.nests);
  for (const name of ["Rust", "Swift", "Haskell", "Kotlin", "Scala"]) {
    assert.equal(nests(name), true);
  }
  for (const name of ["C", "Java", "JavaScript", "TypeScript", "Go", "CSS"]) {
    assert.equal(nests(name), false, name);
  }
});

Deno.test("LANGUAGES gives JSON no comment syntax", () => {
  const json = byName.get("JSON")!;
  assert.equal(json.lineComments, undefined);
  assert.equal(json.blockComments, undefined);
});

Deno.test("LANGUAGES writes extensions without dots and embeds only known languages", () => {
  for (const language of LANGUAGES) {
    for (const extension of language.extensions) assert.ok(!extension.startsWith("."), extension);
    for (const embed of language.embedded ?? []) {
      assert.ok(byName.has(embed.language), embed.language);
      for (const name of Object.values(embed.byLang ?? {})) assert.ok(byName.has(name), name);
    }
  }
});
