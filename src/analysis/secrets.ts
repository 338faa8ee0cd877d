/**
 * Finds and redacts secrets (API keys, tokens, private keys, passwords) in a
 * text, as `pack_context` does before it packs a file for a model.
 *
 * @module
 */

/** One secret found by {@linkcode redactSecrets}. */
export interface SecretFinding {
  /** The path given to `redactSecrets`. */
  path: string;
  /** 1-based line of the secret's first character (a private key: its BEGIN line), in the original text. */
  line: number;
  /** 1-based column (UTF-16 code units) of the secret's first character, in the original text. */
  column: number;
  /** One of {@linkcode SECRET_KINDS}. */
  kind: string;
  /** At most the first 4 characters of the secret and its length: `sk-p…[redacted 52 chars]`. */
  preview: string;
}

/** The result of {@linkcode redactSecrets}. */
export interface RedactResult {
  /** The text with every secret value replaced by `[REDACTED:<kind>]`. */
  text: string;
  /** The secrets, sorted by line then column. */
  findings: SecretFinding[];
}

/**
 * Every kind of secret {@linkcode redactSecrets} reports, most specific first.
 *
 * @example The kinds include GitHub tokens
 * ```ts
 * import assert from "node:assert/strict";
 * import { SECRET_KINDS } from "./secrets.ts";
 * assert.ok(SECRET_KINDS.includes("github-token"));
 * ```
 */
export const SECRET_KINDS: readonly string[] = [
  "private-key",
  "aws-access-key-id",
  "aws-secret-access-key",
  "github-token",
  "anthropic-api-key",
  "openai-api-key",
  "stripe-secret-key",
  "slack-token",
  "slack-webhook",
  "google-api-key",
  "jwt",
  "npm-token",
  "database-url-password",
  "generic-secret",
  "env-value",
];

const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "deno.lock",
  "uv.lock",
  "cargo.lock",
  "poetry.lock",
  "pipfile.lock",
  "go.sum",
  "composer.lock",
  "gemfile.lock",
  "podfile.lock",
  "pubspec.lock",
  "mix.lock",
  "flake.lock",
  "packages.lock.json",
  "gradle.lockfile",
  "package.resolved",
]);
/** Files where a bare (unquoted) value after `key=` or `key:` can be a secret. */
const CONFIG_EXTENSIONS = new Set([
  "",
  "env",
  "envrc",
  "ini",
  "cfg",
  "conf",
  "config",
  "cnf",
  "properties",
  "yaml",
  "yml",
  "toml",
  "sh",
  "bash",
  "zsh",
  "fish",
  "ps1",
  "bat",
  "cmd",
  "npmrc",
  "yarnrc",
  "pypirc",
  "netrc",
  "pgpass",
  "tfvars",
  "txt",
]);
const ENV_TEMPLATES = new Set(["example", "sample", "template", "dist", "defaults", "schema"]);

// One pass finds every candidate; the capture group that took part says which
// rule matched. Files with no match cost exactly this one scan.
const DETECT = new RegExp(
  [
    /(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)/,
    /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/,
    /\b(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/,
    /\b(sk-ant-[A-Za-z0-9_-]{20,})/,
    /\b(sk-(?!ant-)[A-Za-z0-9_-]{29,})/,
    /\b([rs]k_(?:live|test)_[A-Za-z0-9]{20,})\b/,
    /\b(xox[abeoprs]-[A-Za-z0-9-]{10,})/,
    /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_\/+-]{20,})/,
    /\b(AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/,
    /\b(eyJ[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/,
    /\b(npm_[A-Za-z0-9]{36})\b/,
    /:\/\/[^\s:@\/'"`]*:([^\s@\/'"`]+)@/,
    // Key words in lower, upper or capitalised case (faster than the `i` flag).
    /([Ss]ecret|SECRET|[Pp]assw(?:or)?d|PASSW(?:OR)?D|[Pp]assphrase|PASSPHRASE|[Pp]wd|PWD|[Tt]oken|TOKEN|[Cc]redential|CREDENTIAL|[Pp]rivate[_-]?[Kk]ey|PRIVATE[_-]?KEY|[Aa](?:pi[_-]?[Kk]ey|ccess[_-]?[Kk]ey|uth(?!or(?!iz)))|A(?:PI[_-]?KEY|CCESS[_-]?KEY|UTH(?!OR(?!IZ))))/,
  ].map((part) => part.source).join("|"),
  "g",
);
const SPECIFIC: readonly string[] = [
  "",
  "private-key",
  "aws-access-key-id",
  "github-token",
  "anthropic-api-key",
  "openai-api-key",
  "stripe-secret-key",
  "slack-token",
  "slack-webhook",
  "google-api-key",
  "jwt",
  "npm-token",
  "database-url-password",
];
const GENERIC_GROUP = SPECIFIC.length;

/** Priorities: lower wins where candidates overlap. */
const P_KEY = 0;
const P_SPECIFIC = 1;
const P_URL = 2;
const P_GENERIC = 3;
const P_ENV = 4;

interface Candidate {
  start: number;
  end: number;
  kind: string;
  priority: number;
  /** Where the finding points, when not at `start` (a private key's BEGIN line). */
  at: number;
}

/**
 * Finds the secrets in `text` and replaces each secret value (not its key or
 * quotes) with `[REDACTED:<kind>]`.
 *
 * Rules, by kind (see {@linkcode SECRET_KINDS}):
 * - `private-key`: a PEM block `-----BEGIN … PRIVATE KEY-----` (RSA, EC, DSA,
 *   OPENSSH, ENCRYPTED, PGP … BLOCK) whose body is base64. The BEGIN and END
 *   lines stay and the body becomes one `[REDACTED:private-key]` line (same
 *   indentation; with `\n` escapes in a JSON string, one escaped line), so the
 *   rest of the file shifts by the body's line count less one. This is the only
 *   redaction that changes the number of lines. The finding points at the
 *   `-----BEGIN` line, where the block starts.
 * - well-known token shapes, anywhere: `aws-access-key-id` (`AKIA`/`ASIA` + 16),
 *   `github-token` (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36, `github_pat_`),
 *   `anthropic-api-key` (`sk-ant-`), `openai-api-key` (`sk-`, `sk-proj-`…, at
 *   least 32 characters with a digit), `stripe-secret-key` (`sk_live_`,
 *   `rk_live_`, `sk_test_`), `slack-token` (`xoxb-`…), `slack-webhook` (the
 *   path after `https://hooks.slack.com/services/`), `google-api-key`
 *   (`AIza` + 35), `jwt` (`eyJ….ey….…`), `npm-token` (`npm_` + 36);
 * - `database-url-password`: the password in `scheme://user:PASSWORD@host`;
 * - `aws-secret-access-key`: a 40-character value of a key such as
 *   `aws_secret_access_key`;
 * - `generic-secret`: the value of an assignment (`KEY=`, `KEY: `, `"key": `,
 *   `key = `, `key => `, `key := `) whose key ends in a secret word (after
 *   qualifiers like `_PROD` or `_2`): secret, password, passwd, passphrase,
 *   pwd, token, auth, authorization, credential(s), or key after api, access,
 *   private, secret, auth, encryption, signing, master or session; the word may
 *   be run together (`PGPASSWORD`). So `AWS_SECRET_ACCESS_KEY`, `apiKey` and
 *   `db.password` count; `tokenizer`, `author`, `TokenEncoding`,
 *   `password_field` and `auth_url` do not (words are found in lower, upper
 *   or capitalised case). In source files the value must be a quoted string;
 *   in configuration files (YAML, TOML, INI, shell, `.npmrc`…, no extension)
 *   it may be bare. The value needs 8+ characters without whitespace, Shannon
 *   entropy of at least 3 bits per character, a character other than letters,
 *   `_`, `-` and `.` (so words and names are not secrets), and must not be a
 *   number, a URL, a path or a placeholder (`changeme`, `xxx`, `<…>`, `${…}`,
 *   `{{…}}`, `your-…`, `example`, `$VAR`, `process.env.X`, `os.environ[…]`,
 *   `Deno.env.get(…)`, `null`, `true`…). `Bearer <token>` redacts the token.
 * - `env-value`: in a `.env` file (`.env`, `.env.local`, `.env.production`…,
 *   but not `.env.example`, `.sample`, `.template`, `.dist`, `.defaults`,
 *   `.schema`), every `KEY=VALUE` value not already matched by a kind above,
 *   except a non-secret literal: an empty value, a number, `true`/`false`/
 *   `yes`/`no`/`on`/`off`, a `localhost` or `127.0.0.1` URL or host without a
 *   password, a reference to another variable (`${OTHER}`), or a lower-case
 *   word (`development`, `info`, `us-east`) under a key that names no secret
 *   (`APP_ENV`, not `DB_PASSWORD`).
 *
 * Lockfiles (`package-lock.json`, `deno.lock`, `yarn.lock`, `go.sum`,
 * `Cargo.lock`…) are returned unchanged: they hold only hashes. Text already
 * holding `[REDACTED:…]` markers is left as it is, so redacting twice is the
 * same as once. A text with no finding is returned as the same string.
 *
 * It costs one regex scan for a file with nothing suspicious, so it can run
 * over every file of a large repository.
 *
 * @param text The file's text, decoded.
 * @param path The file's path (only its name matters: lockfiles, `.env` files,
 *   configuration extensions); it is copied into each finding.
 * @returns The redacted text and the findings, sorted by line then column.
 *
 * @example Redact an API key in a config file
 * ```ts
 * import assert from "node:assert/strict";
 * import { redactSecrets } from "./secrets.ts";
 * const text = 'api:\n  key: "sk-proj-4fT9aQ2mZ7xR1bN8cV3kL6pW0sD5hJ"\n';
 * const result = redactSecrets(text, "config.yaml");
 * assert.equal(result.text, 'api:\n  key: "[REDACTED:openai-api-key]"\n');
 * assert.deepEqual(result.findings, [{
 *   path: "config.yaml",
 *   line: 2,
 *   column: 9,
 *   kind: "openai-api-key",
 *   preview: "sk-p…[redacted 38 chars]",
 * }]);
 * ```
 */
export function redactSecrets(text: string, path: string): RedactResult {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  if (LOCKFILES.has(name.toLowerCase())) return { text, findings: [] };
  const env = isEnvFile(name);
  const candidates: Candidate[] = [];
  detect(text, env || CONFIG_EXTENSIONS.has(extensionOf(name)), candidates);
  if (env) detectEnvValues(text, candidates);
  if (candidates.length === 0) return { text, findings: [] };
  return apply(text, path, candidates);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? "" : name.slice(dot + 1).toLowerCase();
}

function isEnvFile(name: string): boolean {
  if (name !== ".env" && !name.startsWith(".env.")) return false;
  return !name.slice(5).split(".").some((part) => ENV_TEMPLATES.has(part.toLowerCase()));
}

function detect(text: string, bareValues: boolean, out: Candidate[]): void {
  const re = new RegExp(DETECT);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let group = 1;
    while (m[group] === undefined) group++;
    const value = m[group]!;
    const end = m.index + m[0].length;
    if (group === GENERIC_GROUP) {
      generic(text, m.index, end, bareValues, out);
      re.lastIndex = end;
      continue;
    }
    const kind = SPECIFIC[group]!;
    if (kind === "private-key") {
      re.lastIndex = privateKey(text, m.index, end, value, out);
      continue;
    }
    const start = kind === "database-url-password" ? end - 1 - value.length : end - value.length;
    if (!specificValueOk(kind, value)) continue;
    out.push(
      candidate(
        start,
        start + value.length,
        kind,
        kind === "database-url-password" ? P_URL : P_SPECIFIC,
      ),
    );
  }
}

function candidate(start: number, end: number, kind: string, priority: number): Candidate {
  return { start, end, kind, priority, at: start };
}

function specificValueOk(kind: string, value: string): boolean {
  switch (kind) {
    case "aws-access-key-id":
      return !value.endsWith("EXAMPLE");
    case "openai-api-key":
    case "slack-token":
      return /\d/.test(value);
    case "database-url-password":
      return !isPlaceholder(value) &&
        !/^(?:pass|password|passwd|pw|pwd|secret|foo|bar|user|\*+)$/i.test(value);
  }
  return true;
}

/** A PEM private key: keeps the BEGIN and END lines, redacts the body. Returns where to go on. */
function privateKey(
  text: string,
  begin: number,
  headerEnd: number,
  header: string,
  out: Candidate[],
): number {
  const label = header.slice("-----BEGIN ".length, header.length - "-----".length);
  const close = `-----END ${label}-----`;
  const endAt = text.indexOf(close, headerEnd);
  if (endAt === -1 || endAt - headerEnd > 65536) return headerEnd;
  const body = text.slice(headerEnd, endAt);
  const material = body.replace(/^[A-Za-z-]+: .*$/gm, "").replace(/\\[nr]|\s/g, "");
  if (!/^[A-Za-z0-9+\/=]{16,}$/.test(material)) return headerEnd;
  const lead = /^(?:\r?\n|\\r\\n|\\n)[ \t]*/.exec(body)?.[0] ?? "";
  const trail = /(?:\r?\n|\\r\\n|\\n)[ \t]*$/.exec(body)?.[0] ?? "";
  const start = headerEnd + lead.length;
  const end = Math.max(start, endAt - trail.length);
  out.push({ ...candidate(start, end, "private-key", P_KEY), at: begin });
  return endAt + close.length;
}

/** Last words of a key that name a secret: `DB_PASSWORD`, `authToken`, `client_secret`. */
const KEY_WORDS = new Set([
  "secret",
  "secrets",
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "pwd",
  "token",
  "tokens",
  "auth",
  "authorization",
  "credential",
  "credentials",
  "apikey",
  "accesskey",
  "privatekey",
  "secretkey",
]);
/** Endings of a last word run together: `PGPASSWORD`, `githubtoken`. */
const KEY_WORD_ENDINGS = ["password", "passwd", "secret", "token", "apikey", "accesskey"];
/** Words before a last word `key` that make it a secret: `API_KEY`, `secretAccessKey`. */
const KEY_HEADS = new Set([
  "api",
  "access",
  "private",
  "secret",
  "auth",
  "encryption",
  "signing",
  "master",
  "session",
]);
/** Last words that qualify a secret without changing what it is: `API_KEY_PROD`, `TOKEN_2`. */
const QUALIFIERS = new Set([
  "value",
  "raw",
  "plain",
  "b64",
  "base64",
  "hex",
  "str",
  "string",
  "prod",
  "production",
  "dev",
  "staging",
  "test",
  "live",
  "old",
  "new",
  "current",
  "default",
  "local",
]);

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ||
    c === 45 || c === 46;
}

/**
 * Whether a key names a secret: its last word (after qualifiers such as
 * `_PROD` or `_2`) is one of the secret words, or `key` after `api`, `access`,
 * `private`, `secret`… So `AWS_SECRET_ACCESS_KEY`, `apiKey` and `db.password`
 * do, and `tokenizer`, `TokenEncoding`, `password_field` and `auth_url` do not.
 */
function isSecretKey(key: string): boolean {
  const words = key.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase());
  let last = words.length - 1;
  while (
    last > 0 && (words[last] === "" || /^\d+$/.test(words[last]!) || QUALIFIERS.has(words[last]!))
  ) {
    last--;
  }
  const word = words[last]!;
  if (KEY_WORDS.has(word)) return true;
  if (word === "key") return last > 0 && KEY_HEADS.has(words[last - 1]!);
  return KEY_WORD_ENDINGS.some((ending) => word.endsWith(ending) || word.endsWith(`${ending}s`));
}

/** The assignment around a secret-like word at `[at, wordEnd)`, if its value looks like a secret. */
function generic(
  text: string,
  at: number,
  wordEnd: number,
  bareValues: boolean,
  out: Candidate[],
): void {
  // Keys longer than 80 characters are not keys; the bound keeps long runs linear.
  const limit = Math.min(text.length, at + 80);
  let keyStart = at;
  while (keyStart > 0 && isKeyChar(text.charCodeAt(keyStart - 1))) {
    if (--keyStart < wordEnd - 80) return;
  }
  let p = wordEnd;
  while (isKeyChar(text.charCodeAt(p))) {
    if (++p > limit) return;
  }
  // Our own marker ("[REDACTED:generic-secret] = …") names a secret word but is no key.
  if (keyStart >= 10 && text.startsWith("[REDACTED:", keyStart - 10)) return;
  const key = text.slice(keyStart, p);
  const quote = text.charCodeAt(p);
  if ((quote === 34 || quote === 39 || quote === 96) && text.charCodeAt(keyStart - 1) === quote) {
    p++;
  }
  if (text.charCodeAt(p) === 93) p++; // ["key"] =
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  const op = text.charCodeAt(p);
  const next = text.charCodeAt(p + 1);
  if (op === 61) { // =, =>
    if (next === 61 || next === 126) return;
    p += next === 62 ? 2 : 1;
  } else if (op === 58) { // :, :=
    if (next === 58) return;
    p += next === 61 ? 2 : 1;
  } else return;
  if (!isSecretKey(key)) return;
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  let start = p;
  let end: number;
  const c = text.charCodeAt(p);
  if (c === 34 || c === 39 || c === 96) {
    start = p + 1;
    end = start;
    for (;; end++) {
      const d = text.charCodeAt(end);
      if (d === c) break;
      if (d === 10 || Number.isNaN(d)) return;
      if (d === 92) end++;
    }
  } else {
    if (!bareValues) return;
    end = bareEnd(text, start);
    if (/^(?:Bearer|Basic|Token|Bot)$/i.test(text.slice(start, end))) {
      let word = end;
      while (text.charCodeAt(word) === 32 || text.charCodeAt(word) === 9) word++;
      if (word > end) end = bareEnd(text, word);
    }
  }
  let value = text.slice(start, end);
  const bearer = /^(?:Bearer|Basic|Token|Bot)\s+(?=\S+$)/i.exec(value);
  if (bearer !== null) {
    start += bearer[0].length;
    value = value.slice(bearer[0].length);
  }
  const aws = /aws.?secret|secret.?access.?key/i.test(key) && /^[A-Za-z0-9\/+=]{40}$/.test(value);
  if (aws) {
    if (!isPlaceholder(value)) out.push(candidate(start, end, "aws-secret-access-key", P_SPECIFIC));
    return;
  }
  if (looksSecret(value, key)) out.push(candidate(start, end, "generic-secret", P_GENERIC));
}

/** The end of a bare value: whitespace, `,`, `;`, a closing bracket or a quote. */
function bareEnd(text: string, from: number): number {
  let end = from;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (
      c <= 32 || c === 44 || c === 59 || c === 125 || c === 93 || c === 41 || c === 34 ||
      c === 39 || c === 96
    ) break;
  }
  return end;
}

const PLACEHOLDER =
  /\[REDACTED:|changeme|change[_-]me|replace[_-]?me|placeholder|dummy|example|sample|your[_-]|^your|x{3,}|<[^>]*>|\$\{|\{\{|%\(|^\$[A-Za-z_]|^%[A-Za-z_]+%$|process\.env|import\.meta\.env|os\.environ|getenv|Deno\.env|System\.getenv|ENV\[|secrets\.|^(?:null|none|nil|undefined|true|false|yes|no|on|off|empty|string|required|optional|hidden|secret|password|passwd|token)$/i;

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1*$/.test(value);
}

function looksSecret(value: string, key: string): boolean {
  if (value.length < 8 || value.length > 1000 || /\s/.test(value)) return false;
  if (/^[A-Za-z_.-]+$/.test(value) || /^[\d.,_-]+$/.test(value)) return false;
  if (value.includes("://") || /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return false;
  // A regex source, not a secret: `[A-Za-z0-9]+`, `\d{4}`, `(?:…)`.
  if (/\[[^\]]*\w-\w[^\]]*\]|\\[dwsbDWS]|\(\?[:=!<]/.test(value)) return false;
  if (isPlaceholder(value) || value.toLowerCase() === key.toLowerCase()) return false;
  return entropy(value) >= 3;
}

/** Shannon entropy of `value`, in bits per character. */
function entropy(value: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const ENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/gm;
const NOT_SECRET_ENV =
  /^(?:-?\d+(?:\.\d+)?|true|false|yes|no|on|off|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?(?:\/\S*)?|\$\{?[A-Za-z_]\w*\}?)$/i;

/** Every value of a `.env` file that is not a non-secret literal. */
function detectEnvValues(text: string, out: Candidate[]): void {
  const re = new RegExp(ENV_LINE);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let start = m.index + m[0].length;
    let lineEnd = text.indexOf("\n", start);
    if (lineEnd === -1) lineEnd = text.length;
    if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let end: number;
    const quote = text.charCodeAt(start);
    if (quote === 34 || quote === 39 || quote === 96) {
      const close = text.indexOf(text[start]!, start + 1);
      if (close === -1 || close > lineEnd) continue;
      start++;
      end = close;
    } else {
      const comment = text.slice(start, lineEnd).search(/(?:^|[ \t])#/);
      end = comment === -1 ? lineEnd : start + comment;
      while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) {
        end--;
      }
    }
    const value = text.slice(start, end);
    if (value === "" || value.includes("[REDACTED:") || NOT_SECRET_ENV.test(value)) continue;
    // `APP_ENV=development`, `LOG_LEVEL=info`: a lower-case word, unless the key names a secret.
    if (value.length <= 32 && /^[a-z]+(?:[-_][a-z]+)*$/.test(value) && !isSecretKey(m[1]!)) {
      continue;
    }
    out.push(candidate(start, end, "env-value", P_ENV));
  }
}

/** Keeps the best of overlapping candidates, then builds the text and findings. */
function apply(text: string, path: string, candidates: Candidate[]): RedactResult {
  candidates.sort((a, b) => a.priority - b.priority || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const kept: Candidate[] = [];
  outer: for (const c of candidates) {
    for (let i = c.start; i < c.end; i++) if (taken[i] === 1) continue outer;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const parts: string[] = [];
  const findings: SecretFinding[] = [];
  let pos = 0;
  let line = 0;
  for (const c of kept) {
    parts.push(text.slice(pos, c.start), `[REDACTED:${c.kind}]`);
    pos = c.end;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= c.at) line++;
    const secret = text.slice(c.start, c.end);
    const shown = Math.min(4, Math.floor(secret.length / 4));
    findings.push({
      path,
      line: line + 1,
      column: c.at - lineStarts[line]! + 1,
      kind: c.kind,
      preview: `${secret.slice(0, shown)}…[redacted ${secret.length} chars]`,
    });
  }
  parts.push(text.slice(pos));
  return { text: parts.join(""), findings };
}
