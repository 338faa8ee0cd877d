/**
 * The table of languages the repository analysis knows: how each is recognised
 * (extensions, exact file names, shebang interpreters) and its comment and
 * string syntax, which `countLines` uses to tell code from comments.
 *
 * The table is plain data compiled into the module, so it works the same in
 * the compiled binary and from JSR; nothing is read at run time.
 *
 * @module
 */

/** A pair of block-comment delimiters, such as `/*` and `*\/`. */
export interface BlockComment {
  /** Opening delimiter. With `longBracket`, the part before `[=*[` (Lua `--`). */
  open: string;
  /** Closing delimiter. Ignored with `longBracket`, where it mirrors the opening. */
  close: string;
  /** Each nested opening needs its own closing (Rust, Swift, Haskell). @default {false} */
  nests?: boolean;
  /**
   * Both delimiters count only at column 0, and the rest of their lines is
   * comment too (Ruby `=begin`, Perl POD).
   *
   * @default {false}
   */
  atLineStart?: boolean;
  /**
   * `open` is followed by a Lua long bracket `[`, `=`×n, `[`, closed by `]`,
   * `=`×n, `]`.
   *
   * @default {false}
   */
  longBracket?: boolean;
}

/**
 * How a string literal is scanned. `kind` selects a shape whose closing
 * delimiter depends on the opening:
 * - `"hash-raw"`: `open` then `#`×n then `"`, closed by `"` then `#`×n
 *   (Rust `r#"…"#`, Swift `#"…"#`);
 * - `"delimited-raw"`: `open` then a delimiter up to `(`, closed by `)`, the
 *   delimiter, `"` (C++ `R"x(…)x"`);
 * - `"long-bracket"`: `open` then `[`, `=`×n, `[`, closed by `]`, `=`×n, `]` (Lua `[==[…]==]`);
 * - `"char"`: a one-character literal such as `'a'` or `'\n'`; any other quote
 *   is code (Rust lifetimes).
 */
export interface StringSyntax {
  /** Opening delimiter (or prefix, for the special kinds). */
  open: string;
  /** Closing delimiter ("" closes at the end of the line: Zig `\\`). */
  close: string;
  /** Escape character; absent means none (raw strings, SQL `''`). */
  escape?: string;
  /** May span lines; otherwise an unclosed string ends with its line. @default {false} */
  multiline?: boolean;
  /** `${` switches to code until its matching `}` (JS template literals). @default {false} */
  template?: boolean;
  /** A comment when it is a statement on its own (Python docstrings). @default {false} */
  docString?: boolean;
  /** Letters allowed right before `open`, in either case (Python `rb"""`). @default {[]} */
  prefixes?: readonly string[];
  /** Whitespace-only lines inside are blank, not code (Markdown fences). @default {false} */
  blankLinesAreBlank?: boolean;
  /** Characters that turn `close` into an escape when they follow it (Nix `'''`, `''$`). */
  closeNotFollowedBy?: string;
  /** Special shape; see the interface description. */
  kind?: "hash-raw" | "delimited-raw" | "long-bracket" | "char";
}

/** A section of a file written in another language, such as `<script>` in HTML. */
export interface Embedding {
  /** Tag name, lower case: `script` or `style`. */
  tag: string;
  /** Language of the section when no `lang` attribute picks another. */
  language: string;
  /** Values of the tag's `lang` attribute and the language each selects. @default {{}} */
  byLang?: Readonly<Record<string, string>>;
}

/** One language of {@linkcode LANGUAGES}. */
export interface LanguageDefinition {
  /** Display name, unique; `countLines` takes it. */
  name: string;
  /** Extensions without the dot. Lower case ones match any case, others only exactly (`C`). */
  extensions: readonly string[];
  /** Exact file names, matched ignoring case (`Dockerfile`, `GNUmakefile`). @default {[]} */
  fileNames?: readonly string[];
  /** Shebang interpreters (`python3`, `deno`), without a version suffix. @default {[]} */
  interpreters?: readonly string[];
  /** Tokens that start a comment running to the end of the line. @default {[]} */
  lineComments?: readonly string[];
  /** Line comments only as the first text of a line (Dockerfile `#`, Batch `REM`). @default {[]} */
  lineStartComments?: readonly string[];
  /** Line comments start only at a word start (shell `$#`, YAML `a#b`). @default {false} */
  commentsAtWordStart?: boolean;
  /** Comment tokens ignore letter case (Batch `rem`). @default {false} */
  ignoreCase?: boolean;
  /** Block-comment pairs. @default {[]} */
  blockComments?: readonly BlockComment[];
  /** String literal syntaxes; comment markers inside them are not comments. @default {[]} */
  strings?: readonly StringSyntax[];
  /** A quote opens a string only at the start of a word (YAML `don't`). @default {false} */
  stringsAtWordStart?: boolean;
  /** Sequences that are always code (Perl `$#`, TeX `\%`). @default {[]} */
  codeTokens?: readonly string[];
  /** Recognise `/regex/` literals, whose quotes open no string (JavaScript). @default {false} */
  regexLiterals?: boolean;
  /** Sections in other languages (HTML `<script>`). @default {[]} */
  embedded?: readonly Embedding[];
}

const C_LINE = ["//"];
const C_BLOCK: readonly BlockComment[] = [{ open: "/*", close: "*/" }];
const C_BLOCK_NESTS: readonly BlockComment[] = [{ open: "/*", close: "*/", nests: true }];
const HTML_BLOCK: readonly BlockComment[] = [{ open: "<!--", close: "-->" }];
const DQ: StringSyntax = { open: '"', close: '"', escape: "\\" };
const SQ: StringSyntax = { open: "'", close: "'", escape: "\\" };
const DQ_ML: StringSyntax = { ...DQ, multiline: true };
const SQ_ML: StringSyntax = { ...SQ, multiline: true };
const SQ_RAW_ML: StringSyntax = { open: "'", close: "'", multiline: true };
/** `'it''s'`: a doubled quote is an escape (SQL, PowerShell). */
const SQL_SQ: StringSyntax = { open: "'", close: "'", multiline: true, closeNotFollowedBy: "'" };
const CHAR: StringSyntax = { ...SQ, kind: "char" };
const TRIPLE_DQ: StringSyntax = { open: '"""', close: '"""', escape: "\\", multiline: true };
const TRIPLE_SQ: StringSyntax = { open: "'''", close: "'''", escape: "\\", multiline: true };
const TRIPLE_DQ_RAW: StringSyntax = { open: '"""', close: '"""', multiline: true };
const TEMPLATE: StringSyntax = {
  open: "`",
  close: "`",
  escape: "\\",
  multiline: true,
  template: true,
};
const PY_PREFIXES = ["r", "u", "b", "f", "rb", "br", "fr", "rf"];
const PY_STRINGS: readonly StringSyntax[] = [
  { ...TRIPLE_DQ, docString: true, prefixes: PY_PREFIXES },
  { ...TRIPLE_SQ, docString: true, prefixes: PY_PREFIXES },
  DQ,
  SQ,
];
const JS_BASE = {
  lineComments: C_LINE,
  blockComments: C_BLOCK,
  strings: [DQ, SQ, TEMPLATE],
  regexLiterals: true,
} as const;
const C_BASE = { lineComments: C_LINE, blockComments: C_BLOCK, strings: [DQ, SQ] } as const;
const CPP_STRINGS: readonly StringSyntax[] = [
  { open: 'R"', close: "", kind: "delimited-raw" },
  DQ,
  SQ,
];
const SHELL_BASE = {
  lineComments: ["#"],
  commentsAtWordStart: true,
  strings: [DQ_ML, SQ_RAW_ML],
} as const;
const CSS_STRINGS: readonly StringSyntax[] = [DQ, SQ];
const MARKUP_EMBEDS: readonly Embedding[] = [
  { tag: "script", language: "JavaScript", byLang: { ts: "TypeScript", typescript: "TypeScript" } },
  { tag: "style", language: "CSS", byLang: { scss: "SCSS", sass: "Sass", less: "Less" } },
];

/**
 * Every language the analysis recognises, with its detection rules and
 * comment/string syntax. Names are unique; at most one language claims each
 * extension, file name and interpreter.
 *
 * Simplifications, all of which still count lines right in ordinary code:
 * heredocs (shell, Ruby, PHP) are scanned as code; regex literals are only
 * recognised in the JavaScript family; HTML-like files switch to JavaScript or
 * CSS inside `<script>` and `<style>` but count every line under their own name.
 *
 * @example Find a language's line comments
 * ```ts
 * import assert from "node:assert/strict";
 * import { LANGUAGES } from "./languages.ts";
 * const python = LANGUAGES.find((language) => language.name === "Python");
 * assert.deepEqual(python?.lineComments, ["#"]);
 * ```
 */
export const LANGUAGES: readonly LanguageDefinition[] = [
  {
    name: "TypeScript",
    extensions: ["ts", "mts", "cts"],
    interpreters: ["deno", "ts-node", "tsx", "bun"],
    ...JS_BASE,
  },
  { name: "TSX", extensions: ["tsx"], ...JS_BASE },
  {
    name: "JavaScript",
    extensions: ["js", "mjs", "cjs"],
    interpreters: ["node", "nodejs", "qjs", "rhino"],
    ...JS_BASE,
  },
  { name: "JSX", extensions: ["jsx"], ...JS_BASE },
  {
    name: "Python",
    extensions: ["py", "pyw", "pyi"],
    fileNames: ["SConstruct", "SConscript"],
    interpreters: ["python", "pypy", "jython"],
    lineComments: ["#"],
    strings: PY_STRINGS,
  },
  {
    name: "Starlark",
    extensions: ["bzl", "star", "bazel"],
    fileNames: ["BUILD.bazel", "WORKSPACE.bazel", "MODULE.bazel", "Tiltfile"],
    lineComments: ["#"],
    strings: PY_STRINGS,
  },
  {
    name: "Go",
    extensions: ["go"],
    ...C_BASE,
    strings: [{ open: "`", close: "`", multiline: true }, DQ, SQ],
  },
  {
    name: "Rust",
    extensions: ["rs"],
    lineComments: C_LINE,
    blockComments: C_BLOCK_NESTS,
    strings: [{ open: "r", close: "", kind: "hash-raw" }, DQ_ML, CHAR],
  },
  { name: "Java", extensions: ["java"], ...C_BASE, strings: [TRIPLE_DQ, DQ, SQ] },
  {
    name: "Kotlin",
    extensions: ["kt", "kts"],
    lineComments: C_LINE,
    blockComments: C_BLOCK_NESTS,
    strings: [TRIPLE_DQ_RAW, DQ, SQ],
  },
  {
    name: "Scala",
    extensions: ["scala", "sc", "sbt"],
    lineComments: C_LINE,
    blockComments: C_BLOCK_NESTS,
    strings: [TRIPLE_DQ_RAW, DQ, CHAR],
  },
  {
    name: "Groovy",
    extensions: ["groovy", "gradle", "gvy"],
    fileNames: ["Jenkinsfile"],
    interpreters: ["groovy"],
    ...C_BASE,
    strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
  },
  { name: "C", extensions: ["c"], interpreters: ["tcc"], ...C_BASE },
  { name: "C Header", extensions: ["h"], ...C_BASE },
  {
    name: "C++",
    extensions: ["cpp", "cc", "cxx", "c++", "C", "cppm", "ixx", "tpp"],
    ...C_BASE,
    strings: CPP_STRINGS,
  },
  {
    name: "C++ Header",
    extensions: ["hpp", "hh", "hxx", "h++", "H", "inl", "ipp"],
    ...C_BASE,
    strings: CPP_STRINGS,
  },
  { name: "Objective-C", extensions: ["m", "mm"], ...C_BASE },
  {
    name: "C#",
    extensions: ["cs", "csx"],
    ...C_BASE,
    strings: [
      TRIPLE_DQ_RAW,
      { open: '@"', close: '"', multiline: true, closeNotFollowedBy: '"' },
      { open: '@$"', close: '"', multiline: true, closeNotFollowedBy: '"' },
      DQ,
      SQ,
    ],
  },
  {
    name: "F#",
    extensions: ["fs", "fsi", "fsx"],
    lineComments: C_LINE,
    blockComments: [{ open: "(*", close: "*)", nests: true }],
    strings: [
      TRIPLE_DQ_RAW,
      { open: '@"', close: '"', multiline: true, closeNotFollowedBy: '"' },
      DQ_ML,
      CHAR,
    ],
  },
  {
    name: "Swift",
    extensions: ["swift"],
    lineComments: C_LINE,
    blockComments: C_BLOCK_NESTS,
    strings: [{ open: "#", close: "", kind: "hash-raw" }, TRIPLE_DQ, DQ],
  },
  {
    name: "Dart",
    extensions: ["dart"],
    lineComments: C_LINE,
    blockComments: C_BLOCK_NESTS,
    strings: [TRIPLE_DQ, TRIPLE_SQ, DQ, SQ],
  },
  { name: "Solidity", extensions: ["sol"], ...C_BASE },
  {
    name: "Zig",
    extensions: ["zig", "zon"],
    lineComments: C_LINE,
    strings: [{ open: "\\\\", close: "" }, DQ, SQ],
  },
  {
    name: "Protocol Buffers",
    extensions: ["proto"],
    ...C_BASE,
  },
  {
    name: "Ruby",
    extensions: ["rb", "rake", "gemspec", "ru", "rbw"],
    fileNames: [
      "Gemfile",
      "Rakefile",
      "Guardfile",
      "Podfile",
      "Vagrantfile",
      "Brewfile",
      "Fastfile",
    ],
    interpreters: ["ruby", "jruby"],
    lineComments: ["#"],
    blockComments: [{ open: "=begin", close: "=end", atLineStart: true }],
    strings: [DQ_ML, SQ_ML],
  },
  {
    name: "Crystal",
    extensions: ["cr"],
    interpreters: ["crystal"],
    lineComments: ["#"],
    strings: [DQ_ML, CHAR],
  },
  {
    name: "PHP",
    extensions: ["php", "phtml"],
    interpreters: ["php"],
    lineComments: ["//", "#"],
    blockComments: C_BLOCK,
    strings: [DQ_ML, SQ_ML],
    codeTokens: ["#["],
  },
  {
    name: "Perl",
    extensions: ["pl", "pm", "t"],
    interpreters: ["perl"],
    lineComments: ["#"],
    blockComments: ["pod", "head1", "head2", "head3", "over", "item", "begin", "for", "encoding"]
      .map(
        (word) => ({ open: `=${word}`, close: "=cut", atLineStart: true }),
      ),
    strings: [DQ_ML, SQ_ML],
    codeTokens: ["$#"],
  },
  {
    name: "Shell",
    extensions: ["sh", "bash", "zsh", "ksh", "bats", "command"],
    fileNames: [
      ".bashrc",
      ".bash_profile",
      ".bash_aliases",
      ".profile",
      ".zshrc",
      ".zprofile",
      ".zshenv",
      "PKGBUILD",
    ],
    interpreters: ["sh", "bash", "zsh", "dash", "ksh", "ash", "mksh"],
    ...SHELL_BASE,
  },
  { name: "Fish", extensions: ["fish"], interpreters: ["fish"], ...SHELL_BASE },
  {
    name: "PowerShell",
    extensions: ["ps1", "psm1", "psd1"],
    interpreters: ["pwsh", "powershell"],
    lineComments: ["#"],
    blockComments: [{ open: "<#", close: "#>" }],
    strings: [
      { open: '@"', close: '"@', multiline: true },
      { open: "@'", close: "'@", multiline: true },
      { open: '"', close: '"', escape: "`", multiline: true },
      SQL_SQ,
    ],
  },
  {
    name: "Batch",
    extensions: ["bat", "cmd"],
    lineStartComments: ["rem", "@rem", "::"],
    ignoreCase: true,
  },
  {
    name: "SQL",
    extensions: ["sql", "psql", "ddl"],
    lineComments: ["--"],
    blockComments: C_BLOCK,
    strings: [SQL_SQ, { ...SQL_SQ, open: '"', close: '"', closeNotFollowedBy: '"' }],
  },
  {
    name: "HTML",
    extensions: ["html", "htm", "xhtml"],
    blockComments: HTML_BLOCK,
    embedded: MARKUP_EMBEDS,
  },
  {
    name: "Vue",
    extensions: ["vue"],
    blockComments: HTML_BLOCK,
    embedded: MARKUP_EMBEDS,
  },
  {
    name: "Svelte",
    extensions: ["svelte"],
    blockComments: HTML_BLOCK,
    embedded: MARKUP_EMBEDS,
  },
  {
    name: "XML",
    extensions: [
      "xml",
      "xsd",
      "xsl",
      "xslt",
      "plist",
      "csproj",
      "fsproj",
      "vbproj",
      "props",
      "targets",
      "nuspec",
      "resx",
      "xaml",
      "wsdl",
    ],
    blockComments: HTML_BLOCK,
  },
  { name: "SVG", extensions: ["svg"], blockComments: HTML_BLOCK },
  {
    name: "Markdown",
    extensions: ["md", "markdown", "mdx", "mkd"],
    blockComments: HTML_BLOCK,
    strings: [
      { open: "```", close: "```", multiline: true, blankLinesAreBlank: true },
      { open: "~~~", close: "~~~", multiline: true, blankLinesAreBlank: true },
      { open: "`", close: "`" },
    ],
  },
  { name: "CSS", extensions: ["css"], blockComments: C_BLOCK, strings: CSS_STRINGS },
  {
    name: "SCSS",
    extensions: ["scss"],
    lineComments: C_LINE,
    blockComments: C_BLOCK,
    strings: CSS_STRINGS,
  },
  {
    name: "Sass",
    extensions: ["sass"],
    lineComments: C_LINE,
    blockComments: C_BLOCK,
    strings: CSS_STRINGS,
  },
  {
    name: "Less",
    extensions: ["less"],
    lineComments: C_LINE,
    blockComments: C_BLOCK,
    strings: CSS_STRINGS,
  },
  {
    name: "JSON",
    extensions: ["json", "webmanifest", "har", "geojson"],
    fileNames: [".prettierrc", ".babelrc.json", "composer.lock", "flake.lock"],
    strings: [DQ],
  },
  {
    name: "JSONC",
    extensions: ["jsonc", "json5"],
    fileNames: [
      "tsconfig.json",
      "jsconfig.json",
      "deno.json",
      ".eslintrc.json",
      ".babelrc",
      "devcontainer.json",
      ".devcontainer.json",
      "settings.json",
      "launch.json",
      "tasks.json",
      "extensions.json",
    ],
    lineComments: C_LINE,
    blockComments: C_BLOCK,
    strings: [DQ, SQ],
  },
  {
    name: "YAML",
    extensions: ["yaml", "yml"],
    fileNames: [".clang-format", ".clang-tidy"],
    lineComments: ["#"],
    commentsAtWordStart: true,
    strings: [DQ, { open: "'", close: "'", closeNotFollowedBy: "'" }],
    stringsAtWordStart: true,
  },
  {
    name: "TOML",
    extensions: ["toml"],
    fileNames: ["Cargo.lock", "Pipfile", "poetry.lock", "uv.lock"],
    lineComments: ["#"],
    strings: [TRIPLE_DQ, { open: "'''", close: "'''", multiline: true }, DQ, {
      open: "'",
      close: "'",
    }],
  },
  {
    name: "INI",
    extensions: ["ini", "cfg", "properties", "inf"],
    fileNames: [".editorconfig", ".gitconfig", ".npmrc", ".flake8", ".pylintrc"],
    lineStartComments: [";", "#"],
  },
  {
    name: "Dockerfile",
    extensions: ["dockerfile", "containerfile"],
    fileNames: ["Dockerfile", "Containerfile"],
    lineStartComments: ["#"],
  },
  {
    name: "Makefile",
    extensions: ["mk", "mak", "make"],
    fileNames: ["Makefile", "GNUmakefile", "BSDmakefile"],
    interpreters: ["make"],
    lineComments: ["#"],
    codeTokens: ["\\#"],
  },
  {
    name: "Just",
    extensions: ["just"],
    fileNames: ["Justfile", ".justfile"],
    interpreters: ["just"],
    lineComments: ["#"],
    strings: [{ open: '"""', close: '"""', escape: "\\", multiline: true }, DQ, {
      open: "'",
      close: "'",
    }],
  },
  {
    name: "CMake",
    extensions: ["cmake"],
    fileNames: ["CMakeLists.txt"],
    lineComments: ["#"],
    blockComments: [{ open: "#", close: "", longBracket: true }],
    strings: [{ open: "", close: "", kind: "long-bracket" }, DQ_ML],
  },
  {
    name: "Lua",
    extensions: ["lua", "luau"],
    interpreters: ["lua", "luajit"],
    lineComments: ["--"],
    blockComments: [{ open: "--", close: "", longBracket: true }],
    strings: [{ open: "", close: "", kind: "long-bracket" }, DQ, SQ],
  },
  {
    name: "Elixir",
    extensions: ["ex", "exs"],
    interpreters: ["elixir"],
    lineComments: ["#"],
    strings: [TRIPLE_DQ, TRIPLE_SQ, DQ_ML, SQ_ML],
    codeTokens: ['?"', "?'", "?#"],
  },
  {
    name: "Erlang",
    extensions: ["erl", "hrl"],
    fileNames: ["rebar.config"],
    interpreters: ["escript"],
    lineComments: ["%"],
    strings: [DQ_ML, SQ],
    codeTokens: ['$"', "$%", "$'"],
  },
  {
    name: "Haskell",
    extensions: ["hs"],
    interpreters: ["runhaskell", "runghc"],
    lineComments: ["--"],
    blockComments: [{ open: "{-", close: "-}", nests: true }],
    strings: [DQ, CHAR],
  },
  {
    name: "Elm",
    extensions: ["elm"],
    lineComments: ["--"],
    blockComments: [{ open: "{-", close: "-}", nests: true }],
    strings: [TRIPLE_DQ, DQ, SQ],
  },
  {
    name: "OCaml",
    extensions: ["ml", "mli"],
    interpreters: ["ocaml"],
    blockComments: [{ open: "(*", close: "*)", nests: true }],
    strings: [DQ_ML, CHAR],
  },
  {
    name: "Clojure",
    extensions: ["clj", "cljs", "cljc", "edn"],
    lineComments: [";"],
    strings: [DQ_ML],
    codeTokens: ["\\;", '\\"'],
  },
  {
    name: "R",
    extensions: ["r"],
    fileNames: [".Rprofile"],
    interpreters: ["Rscript"],
    lineComments: ["#"],
    strings: [DQ_ML, SQ_ML],
  },
  {
    name: "Julia",
    extensions: ["jl"],
    interpreters: ["julia"],
    lineComments: ["#"],
    blockComments: [{ open: "#=", close: "=#", nests: true }],
    strings: [TRIPLE_DQ, DQ_ML],
  },
  {
    name: "Nim",
    extensions: ["nim", "nims", "nimble"],
    lineComments: ["#"],
    blockComments: [{ open: "#[", close: "]#", nests: true }],
    strings: [TRIPLE_DQ_RAW, DQ, CHAR],
  },
  {
    name: "Nix",
    extensions: ["nix"],
    lineComments: ["#"],
    blockComments: C_BLOCK,
    strings: [{ open: "''", close: "''", multiline: true, closeNotFollowedBy: "'$\\" }, DQ_ML],
  },
  {
    name: "HCL",
    extensions: ["tf", "tfvars", "hcl", "nomad"],
    lineComments: ["#", "//"],
    blockComments: C_BLOCK,
    strings: [DQ],
  },
  {
    name: "GraphQL",
    extensions: ["graphql", "gql", "graphqls"],
    lineComments: ["#"],
    strings: [TRIPLE_DQ, DQ],
  },
  {
    name: "Visual Basic",
    extensions: ["vb", "vbs"],
    lineComments: ["'"],
    lineStartComments: ["rem"],
    ignoreCase: true,
    strings: [{ open: '"', close: '"', closeNotFollowedBy: '"' }],
  },
  {
    name: "Vim Script",
    extensions: ["vim"],
    fileNames: [".vimrc", ".gvimrc", "_vimrc"],
    lineStartComments: ['"'],
    strings: [DQ, { open: "'", close: "'" }],
  },
  {
    name: "TeX",
    extensions: ["tex", "sty", "ltx", "bib"],
    lineComments: ["%"],
    codeTokens: ["\\%"],
  },
  { name: "Assembly", extensions: ["asm", "nasm"], lineComments: [";"], strings: [DQ, SQ] },
  {
    name: "Plain Text",
    extensions: ["txt", "text"],
    fileNames: ["LICENSE", "LICENCE", "COPYING", "AUTHORS", "NOTICE"],
  },
];
