import assert from "node:assert/strict";
import { detectLanguage } from "../../src/analysis/detect_language.ts";

Deno.test("detectLanguage() tells .ts from .tsx and .js from .jsx", () => {
  assert.equal(detectLanguage("src/main.ts"), "TypeScript");
  assert.equal(detectLanguage("src/App.tsx"), "TSX");
  assert.equal(detectLanguage("lib/index.js"), "JavaScript");
  assert.equal(detectLanguage("lib/App.jsx"), "JSX");
  assert.equal(detectLanguage("types/index.d.ts"), "TypeScript");
});

Deno.test("detectLanguage() maps module extensions .mts .cts .mjs .cjs", () => {
  assert.equal(detectLanguage("a.mts"), "TypeScript");
  assert.equal(detectLanguage("a.cts"), "TypeScript");
  assert.equal(detectLanguage("a.mjs"), "JavaScript");
  assert.equal(detectLanguage("a.cjs"), "JavaScript");
});

Deno.test("detectLanguage() applies the case rules of C and C++ extensions", () => {
  assert.equal(detectLanguage("x.h"), "C Header");
  assert.equal(detectLanguage("x.c"), "C");
  assert.equal(detectLanguage("x.C"), "C++");
  assert.equal(detectLanguage("x.H"), "C++ Header");
  assert.equal(detectLanguage("x.hpp"), "C++ Header");
  assert.equal(detectLanguage("x.cc"), "C++");
});

Deno.test("detectLanguage() matches other extensions in any case", () => {
  assert.equal(detectLanguage("SCRIPT.PY"), "Python");
  assert.equal(detectLanguage("Main.TS"), "TypeScript");
  assert.equal(detectLanguage("analysis.R"), "R");
  assert.equal(detectLanguage("RUN.BAT"), "Batch");
});

Deno.test("detectLanguage() recognises exact file names ignoring case", () => {
  assert.equal(detectLanguage("Dockerfile"), "Dockerfile");
  assert.equal(detectLanguage("dockerfile"), "Dockerfile");
  assert.equal(detectLanguage("Makefile"), "Makefile");
  assert.equal(detectLanguage("GNUmakefile"), "Makefile");
  assert.equal(detectLanguage("Justfile"), "Just");
  assert.equal(detectLanguage("Gemfile"), "Ruby");
  assert.equal(detectLanguage("Rakefile"), "Ruby");
  assert.equal(detectLanguage("CMakeLists.txt"), "CMake");
  assert.equal(detectLanguage("Jenkinsfile"), "Groovy");
  assert.equal(detectLanguage(".bashrc"), "Shell");
});

Deno.test("detectLanguage() prefers the file name to the extension", () => {
  assert.equal(detectLanguage("tsconfig.json"), "JSONC");
  assert.equal(detectLanguage("deno.json"), "JSONC");
  assert.equal(detectLanguage("package.json"), "JSON");
  assert.equal(detectLanguage("Cargo.lock"), "TOML");
});

Deno.test("detectLanguage() treats Dockerfile.<suffix> and <name>.dockerfile as Dockerfile", () => {
  assert.equal(detectLanguage("docker/Dockerfile.dev"), "Dockerfile");
  assert.equal(detectLanguage("build.dockerfile"), "Dockerfile");
});

Deno.test("detectLanguage() uses only the last part of / or \\ separated paths", () => {
  assert.equal(detectLanguage("a.b/c/Makefile"), "Makefile");
  assert.equal(detectLanguage("C:\\work\\main.go"), "Go");
  assert.equal(detectLanguage("dir.py/README"), undefined);
});

Deno.test("detectLanguage() reads the interpreter of a shebang", () => {
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env -S deno run --allow-read"), "TypeScript");
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env python3"), "Python");
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/python3.12 -u"), "Python");
  assert.equal(detectLanguage("bin/tool", "#!/bin/bash -e"), "Shell");
  assert.equal(detectLanguage("bin/tool", "#! /bin/sh"), "Shell");
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env -i PATH=/bin node"), "JavaScript");
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env ruby"), "Ruby");
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/perl -w"), "Perl");
});

Deno.test("detectLanguage() prefers the extension to the shebang", () => {
  assert.equal(detectLanguage("tool.py", "#!/usr/bin/env node"), "Python");
});

Deno.test("detectLanguage() returns undefined when nothing matches", () => {
  assert.equal(detectLanguage("picture.png"), undefined);
  assert.equal(detectLanguage("README"), undefined);
  assert.equal(detectLanguage("bin/tool", "echo hi"), undefined);
  assert.equal(detectLanguage("bin/tool", "#!/usr/bin/env unknown-interpreter"), undefined);
  assert.equal(detectLanguage(".gitignore"), undefined);
});
