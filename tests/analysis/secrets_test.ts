import assert from "node:assert/strict";
import fc from "fast-check";
import { redactSecrets, SECRET_KINDS, type SecretFinding } from "../../src/analysis/secrets.ts";
import { fixtureRepoPath, restoreDotName } from "./_fixture_repo.ts";

// Fake secrets, built by concatenation so that secret scanners reading this
// file find no literal token.
const AWS_ID = "AKIA" + "QWERTYUIOPASDFGH";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+" + "bPxRfiCYzQ8wE1rT9u";
const GITHUB = "ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
const GITHUB_PAT = "github_pat_" + "11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUVWXYZ";
const ANTHROPIC = "sk-ant-" + "api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
const OPENAI = "sk-proj-" + "4fT9aQ2mZ7xR1bN8cV3kL6pW0sD5hJ";
const STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
const SLACK = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
const WEBHOOK_PATH = "T024BE7LD/B01AB2CD3EF/" + "aBcDeFgHiJkLmNoPqRsTuVwX";
const GOOGLE = "AIza" + "SyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";
const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
  "eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const NPM = "npm_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
const PEM_BODY = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n" +
  "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK";

/** A finding as `[line, column, kind, preview]`. */
type Expected = [number, number, string, string];

interface Positive {
  name: string;
  path: string;
  text: string;
  redacted: string;
  findings: Expected[];
}

const POSITIVES: Positive[] = [
  {
    name: "a PEM private key, keeping its BEGIN and END lines",
    path: "deploy/id_rsa",
    text:
      `ssh:\n-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\nend\n`,
    redacted:
      "ssh:\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED:private-key]\n-----END RSA PRIVATE KEY-----\nend\n",
    findings: [[2, 1, "private-key", "MIIE…[redacted 129 chars]"]],
  },
  {
    name: "an OpenSSH private key indented in YAML",
    path: "values.yaml",
    text: `key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  ${
      PEM_BODY.replace("\n", "\n  ")
    }\n  -----END OPENSSH PRIVATE KEY-----\n`,
    redacted:
      "key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  [REDACTED:private-key]\n  -----END OPENSSH PRIVATE KEY-----\n",
    findings: [[2, 3, "private-key", "MIIE…[redacted 131 chars]"]],
  },
  {
    name: "a private key with \\n escapes in a JSON string",
    path: "service-account.json",
    text: `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${
      PEM_BODY.replace("\n", "\\n")
    }\\n-----END PRIVATE KEY-----\\n"}\n`,
    redacted:
      '{"private_key": "-----BEGIN PRIVATE KEY-----\\n[REDACTED:private-key]\\n-----END PRIVATE KEY-----\\n"}\n',
    findings: [[1, 18, "private-key", "MIIE…[redacted 130 chars]"]],
  },
  {
    name: "AWS access key id and secret access key in a credentials file",
    path: ".aws/credentials",
    text: `[default]\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`,
    redacted:
      "[default]\naws_access_key_id = [REDACTED:aws-access-key-id]\naws_secret_access_key = [REDACTED:aws-secret-access-key]\n",
    findings: [
      [2, 21, "aws-access-key-id", "AKIA…[redacted 20 chars]"],
      [3, 25, "aws-secret-access-key", "wJal…[redacted 40 chars]"],
    ],
  },
  {
    name: "GitHub classic and fine-grained tokens",
    path: "src/gh.ts",
    text: `const a = "${GITHUB}";\nconst b = '${GITHUB_PAT}';\n`,
    redacted: "const a = \"[REDACTED:github-token]\";\nconst b = '[REDACTED:github-token]';\n",
    findings: [
      [1, 12, "github-token", "ghp_…[redacted 40 chars]"],
      [2, 12, "github-token", "gith…[redacted 57 chars]"],
    ],
  },
  {
    name: "Anthropic and OpenAI keys",
    path: "app.py",
    text: `client = Anthropic(api_key="${ANTHROPIC}")\nopenai.api_key = "${OPENAI}"\n`,
    redacted:
      'client = Anthropic(api_key="[REDACTED:anthropic-api-key]")\nopenai.api_key = "[REDACTED:openai-api-key]"\n',
    findings: [
      [1, 29, "anthropic-api-key", "sk-a…[redacted 49 chars]"],
      [2, 19, "openai-api-key", "sk-p…[redacted 38 chars]"],
    ],
  },
  {
    name: "a Stripe secret key",
    path: "billing.rb",
    text: `Stripe.api_key = '${STRIPE}'\n`,
    redacted: "Stripe.api_key = '[REDACTED:stripe-secret-key]'\n",
    findings: [[1, 19, "stripe-secret-key", "sk_l…[redacted 32 chars]"]],
  },
  {
    name: "a Slack bot token and a Slack webhook path",
    path: "notify.sh",
    text: `SLACK_TOKEN=${SLACK}\ncurl https://hooks.slack.com/services/${WEBHOOK_PATH} -d @msg\n`,
    redacted:
      "SLACK_TOKEN=[REDACTED:slack-token]\ncurl https://hooks.slack.com/services/[REDACTED:slack-webhook] -d @msg\n",
    findings: [
      [1, 13, "slack-token", "xoxb…[redacted 56 chars]"],
      [2, 39, "slack-webhook", "T024…[redacted 46 chars]"],
    ],
  },
  {
    name: "a Google API key",
    path: "web/maps.js",
    text: `loadMaps({ key: "${GOOGLE}" });\n`,
    redacted: 'loadMaps({ key: "[REDACTED:google-api-key]" });\n',
    findings: [[1, 18, "google-api-key", "AIza…[redacted 39 chars]"]],
  },
  {
    name: "a JWT, also after Bearer",
    path: "http/requests.http",
    text: `Authorization: Bearer ${JWT}\n`,
    redacted: "Authorization: Bearer [REDACTED:jwt]\n",
    findings: [[1, 23, "jwt", "eyJh…[redacted 108 chars]"]],
  },
  {
    name: "an npm token in .npmrc",
    path: ".npmrc",
    text: `//registry.npmjs.org/:_authToken=${NPM}\n`,
    redacted: "//registry.npmjs.org/:_authToken=[REDACTED:npm-token]\n",
    findings: [[1, 34, "npm-token", "npm_…[redacted 40 chars]"]],
  },
  {
    name: "only the password of a database URL",
    path: "compose.yaml",
    text: "environment:\n  - DATABASE_URL=postgres://app:S3cr3t-P4ss@db:5432/app\n",
    redacted:
      "environment:\n  - DATABASE_URL=postgres://app:[REDACTED:database-url-password]@db:5432/app\n",
    findings: [[2, 33, "database-url-password", "S3…[redacted 11 chars]"]],
  },
  {
    name: "generic secrets: quoted in code, bare in config, JSON keys, Bearer",
    path: "settings.py",
    text: [
      'SECRET_KEY = "django-insecure-8f#k2!zq@x0v^m3w"',
      'DATABASES = {"default": {"PASSWORD": "Zx8kL2pQ9mN4"}}',
      'headers = {"Authorization": "Bearer 9f8e7d6c5b4a3f2e1d0c"}',
      "",
    ].join("\n"),
    redacted: [
      'SECRET_KEY = "[REDACTED:generic-secret]"',
      'DATABASES = {"default": {"PASSWORD": "[REDACTED:generic-secret]"}}',
      'headers = {"Authorization": "Bearer [REDACTED:generic-secret]"}',
      "",
    ].join("\n"),
    findings: [
      [1, 15, "generic-secret", "djan…[redacted 32 chars]"],
      [2, 39, "generic-secret", "Zx8…[redacted 12 chars]"],
      [3, 37, "generic-secret", "9f8e…[redacted 20 chars]"],
    ],
  },
  {
    name: "a bare generic secret in YAML",
    path: "config/app.yml",
    text: "db:\n  password: q7W!x9Zr#2mB # rotate monthly\n  passwordMinLength: 12\n",
    redacted:
      "db:\n  password: [REDACTED:generic-secret] # rotate monthly\n  passwordMinLength: 12\n",
    findings: [[2, 13, "generic-secret", "q7W…[redacted 12 chars]"]],
  },
  {
    name: "every value of a .env file but numbers, booleans, localhost URLs and plain words",
    path: "app/.env.production",
    text: [
      "# comment",
      "NODE_ENV=production",
      "PORT=3000",
      "DEBUG=false",
      "API_URL=http://localhost:8080/api",
      "EMPTY=",
      'GREETING="hello world"',
      `export OPENAI_API_KEY=${OPENAI}`,
      "SESSION_SECRET=abc # trailing comment",
      "DB_PASSWORD=hunter",
      "",
    ].join("\n"),
    redacted: [
      "# comment",
      "NODE_ENV=production",
      "PORT=3000",
      "DEBUG=false",
      "API_URL=http://localhost:8080/api",
      "EMPTY=",
      'GREETING="[REDACTED:env-value]"',
      "export OPENAI_API_KEY=[REDACTED:openai-api-key]",
      "SESSION_SECRET=[REDACTED:env-value] # trailing comment",
      "DB_PASSWORD=[REDACTED:env-value]",
      "",
    ].join("\n"),
    findings: [
      [7, 11, "env-value", "he…[redacted 11 chars]"],
      [8, 23, "openai-api-key", "sk-p…[redacted 38 chars]"],
      [9, 16, "env-value", "…[redacted 3 chars]"],
      [10, 13, "env-value", "h…[redacted 6 chars]"],
    ],
  },
];

for (const c of POSITIVES) {
  Deno.test(`redactSecrets() redacts ${c.name}`, () => {
    const result = redactSecrets(c.text, c.path);
    assert.equal(result.text, c.redacted);
    assert.deepEqual(
      result.findings,
      c.findings.map(([line, column, kind, preview]): SecretFinding => ({
        path: c.path,
        line,
        column,
        kind,
        preview,
      })),
    );
  });
}

interface Negative {
  name: string;
  path: string;
  text: string;
}

const NEGATIVES: Negative[] = [
  {
    name: "PEM headers used as constants, and a placeholder body",
    path: "src/pem.ts",
    text:
      'const H = "-----BEGIN RSA PRIVATE KEY-----"; const F = "-----END RSA PRIVATE KEY-----";\n' +
      "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n",
  },
  {
    name: "public keys and certificates",
    path: "certs/ca.pem",
    text: `-----BEGIN CERTIFICATE-----\n${PEM_BODY}\n-----END CERTIFICATE-----\n`,
  },
  {
    name: "the AWS documentation key, and a 15-character key id",
    path: "docs/aws.md",
    text: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\nid = AKIAQWERTYUIOPASD\n" +
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
  },
  {
    name: "a 40-character value under a key that is not AWS's nor secret",
    path: "build.cfg",
    text: `signature = ${AWS_SECRET}\n`,
  },
  {
    name: "a GitHub token one character short",
    path: "a.ts",
    text: `const a = "${GITHUB.slice(0, -1)}";\nconst b = "github_pat_short";\n`,
  },
  {
    name: "sk- words without digits, short sk-ant- and publishable Stripe keys",
    path: "a.py",
    text: 'lib = "sk-learn-compatible-estimator-interface"\nk = "sk-ant-short"\n' +
      `pk = "pk_live_${STRIPE.slice(8)}"\nrisk-assessment-framework-for-everyone-here\n`,
  },
  {
    name: "Slack lookalikes and docs URLs",
    path: "README.md",
    text: "Use `xoxb-your-token-here` and https://hooks.slack.com/services/ (see docs).\n",
  },
  {
    name: "a Google key one character short, and a single JWT segment",
    path: "a.js",
    text: `const k = "${
      GOOGLE.slice(0, -1)
    }";\nconst h = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";\n`,
  },
  {
    name: "npm identifiers",
    path: "a.sh",
    text: "echo $npm_config_cache $npm_package_version\n",
  },
  {
    name: "database URLs without a password or with a placeholder",
    path: "config.toml",
    text: 'a = "postgres://localhost:5432/app"\nb = "postgres://user:${DB_PASSWORD}@db/app"\n' +
      'c = "mysql://root:<password>@db/app"\nd = "https://github.com/denoland/deno"\n' +
      'e = "redis://user:password@cache:6379"\n',
  },
  {
    name: "placeholders, references, words and code identifiers under secret keys",
    path: "app.py",
    text: [
      'password_field = "password"',
      'token = os.environ["TOKEN"]',
      'api_key = "${API_KEY}"',
      'secret = "changeme"',
      'client_secret = "<your-client-secret>"',
      'auth_header = "Authorization"',
      'TOKEN_TYPE = "Bearer"',
      'password = "{{ vault_password }}"',
      'GITHUB_TOKEN_ENV = "GITHUB_TOKEN"',
      'tokenizer = "cl100k_base"',
      'author = "someone123"',
      'password = "aaaaaaaabbbb"',
      "auth = authenticate(user)",
      'password = "Enter your password"',
      'token_url = "https://oauth2.example.com/token"',
      'token_pattern = "[A-Za-z0-9._~+/-]+=*"',
      'max_tokens = "40960000"',
      'type TokenEncoding = "o200k_base";',
      'encoding: TokenEncoding = "o200k_base"',
      'api_key_header = "X-Api-Key-2f9"',
      "",
    ].join("\n"),
  },
  {
    name: "TypeScript code reading secrets from the environment",
    path: "src/env.ts",
    text: [
      'const apiKey: string = Deno.env.get("API_KEY") ?? "";',
      "const token = process.env.GITHUB_TOKEN;",
      "function login(password: string, authToken: AuthTokenProvider) {}",
      'if (password === "hunter2hunter") {}',
      "",
    ].join("\n"),
  },
  {
    name: "UUIDs, git SHAs, sha256 hashes and integrity strings",
    path: "meta.json",
    text: JSON.stringify(
      {
        id: "123e4567-e89b-12d3-a456-426614174000",
        commit: "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        integrity: "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUR",
      },
      null,
      2,
    ),
  },
  {
    name: "a base64 image data URI",
    path: "web/style.css",
    text: ".logo { background: url(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf" +
      "FcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==); }\n",
  },
  {
    name: "a .env.example file, whose values are templates",
    path: ".env.example",
    text: "NODE_ENV=production\nAPI_KEY=changeme\nDATABASE_URL=postgres://localhost/app\n",
  },
];

for (const c of NEGATIVES) {
  Deno.test(`redactSecrets() leaves alone ${c.name}`, () => {
    const result = redactSecrets(c.text, c.path);
    assert.deepEqual(result.findings, []);
    assert.equal(result.text, c.text);
  });
}

Deno.test("redactSecrets() skips lockfiles by name", () => {
  const lock = `"integrity": "sha512-abc",\n"token": "${GITHUB}"\nhash = "sha256:9f86d081"\n`;
  for (
    const name of [
      "package-lock.json",
      "pnpm-lock.yaml",
      "yarn.lock",
      "deno.lock",
      "uv.lock",
      "Cargo.lock",
      "poetry.lock",
      "go.sum",
      "composer.lock",
      "Gemfile.lock",
    ]
  ) {
    const result = redactSecrets(lock, `sub/dir/${name}`);
    assert.equal(result.text, lock, name);
    assert.deepEqual(result.findings, [], name);
  }
});

Deno.test("redactSecrets() reports findings in order, with CRLF line endings", () => {
  const text = `b = "${GITHUB}"; a = "${NPM}"\r\nc = "${GOOGLE}"\r\n`;
  const result = redactSecrets(text, "x.ts");
  assert.deepEqual(
    result.findings.map((f) => [f.line, f.column, f.kind]),
    [[1, 6, "github-token"], [1, 54, "npm-token"], [2, 6, "google-api-key"]],
  );
  assert.equal(
    result.text,
    'b = "[REDACTED:github-token]"; a = "[REDACTED:npm-token]"\r\nc = "[REDACTED:google-api-key]"\r\n',
  );
});

Deno.test("SECRET_KINDS lists every kind the positive cases produce", () => {
  const seen = new Set(POSITIVES.flatMap((c) => c.findings.map(([, , kind]) => kind)));
  assert.deepEqual([...seen].sort(), [...SECRET_KINDS].sort());
});

/** The planted secrets and decoys of tests/fixtures/repos/mixed-secrets. */
interface Expectations {
  secrets: { path: string; line: number; kind: string; endLine?: number }[];
  decoys: { path: string; line: number }[];
}

/** Every file under `dir`, as [stored path, path with real `.` names]. */
async function listFiles(dir: string, prefix = ""): Promise<[string, string][]> {
  const files: [string, string][] = [];
  for await (const entry of Deno.readDir(dir)) {
    const real = prefix + restoreDotName(entry.name);
    if (entry.isDirectory) {
      files.push(...await listFiles(`${dir}/${entry.name}`, `${real}/`));
    } else if (entry.isFile) files.push([`${dir}/${entry.name}`, real]);
  }
  return files;
}

Deno.test("redactSecrets() finds exactly the planted secrets of the mixed-secrets fixture", async () => {
  const root = fixtureRepoPath("mixed-secrets");
  const expected: Expectations = JSON.parse(await Deno.readTextFile(`${root}.expected.json`));
  const findings: SecretFinding[] = [];
  const redacted = new Map<string, [string, string]>();
  for (const [stored, path] of await listFiles(root)) {
    const text = await Deno.readTextFile(stored);
    const result = redactSecrets(text, path);
    findings.push(...result.findings);
    redacted.set(path, [text, result.text]);
  }
  const byPlace = (a: { path: string; line: number }, b: { path: string; line: number }) =>
    a.path.localeCompare(b.path) || a.line - b.line;
  assert.deepEqual(
    findings.map(({ path, line, kind }) => ({ path, line, kind })).sort(byPlace),
    expected.secrets.map(({ path, line, kind }) => ({ path, line, kind })).sort(byPlace),
  );
  for (const decoy of expected.decoys) {
    const [before, after] = redacted.get(decoy.path)!;
    const lines = (text: string) => text.split("\n");
    assert.equal(
      lines(after)[decoy.line - 1],
      lines(before)[decoy.line - 1],
      `${decoy.path}:${decoy.line}`,
    );
  }
});

const SNIPPETS = [
  ...POSITIVES.map((c) => c.text),
  ...NEGATIVES.map((c) => c.text),
  "\n",
  " ",
  '"',
  "=",
  ": ",
  "password",
  "token=",
  "-----BEGIN EC PRIVATE KEY-----\n",
  "-----END EC PRIVATE KEY-----\n",
  PEM_BODY,
  "://u:",
  "@h",
  "[REDACTED:jwt]",
];
const TEXT = fc.array(
  fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 12 })),
  { maxLength: 12 },
).map((parts) => parts.join(""));
const PATHS = fc.constantFrom("a.ts", "config.yaml", ".env", "notes", "x.py");

Deno.test("redactSecrets() is idempotent (property)", () => {
  fc.assert(
    fc.property(TEXT, PATHS, (text, path) => {
      const once = redactSecrets(text, path);
      const twice = redactSecrets(once.text, path);
      assert.equal(twice.text, once.text);
      assert.deepEqual(twice.findings, []);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("redactSecrets() keeps the line count unless it redacts a private key (property)", () => {
  const lines = (text: string) => text.split("\n").length;
  fc.assert(
    fc.property(TEXT, PATHS, (text, path) => {
      const result = redactSecrets(text, path);
      if (!result.findings.some((f) => f.kind === "private-key")) {
        assert.equal(lines(result.text), lines(text));
      }
    }),
    { numRuns: 2000 },
  );
});

Deno.test("redactSecrets() returns the same string when it finds nothing (property)", () => {
  fc.assert(
    fc.property(TEXT, PATHS, (text, path) => {
      const result = redactSecrets(text, path);
      if (result.findings.length === 0) assert.ok(Object.is(result.text, text));
      else assert.notEqual(result.text, text);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("redactSecrets(): our own marker is never read as a key (fast-check counterexample)", () => {
  const key = "sk-ant-api03-" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
  const text = `token=-#client = Anthropic(api_key="${key}")\n`;
  const once = redactSecrets(text, "notes");
  assert.equal(
    once.text,
    'token=[REDACTED:generic-secret] = Anthropic(api_key="[REDACTED:anthropic-api-key]")\n',
  );
  assert.equal(redactSecrets(once.text, "notes").text, once.text);
});
