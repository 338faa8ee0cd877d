/**
 * Catalogue entries for programming languages, attached by file extension.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

/** One rule per language. */
export const LANGUAGE_RULES: readonly CatalogRule[] = [
  entry({
    id: "core-rules/typescript",
    title: "TypeScript",
    summary: "Strict TypeScript: no any, typed boundaries, narrowing instead of casts",
    category: "core-rules",
    description:
      "TypeScript conventions: strict types, no any, explicit return types, narrowing over casts",
    globs: ["**/*.ts", "**/*.tsx"],
    alwaysApply: false,
    triggers: [{ language: "TypeScript" }, { language: "TSX" }],
    context: [
      "Applies to every TypeScript file; the compiler runs with `strict: true`",
      "Types are the contract between modules, so they must be precise at the boundaries",
    ],
    rules: [
      "Never use `any`: take `unknown` for untrusted input and narrow it with a type guard or a schema",
      "Give every exported function an explicit return type",
      "Model variants as discriminated unions (a `kind` field) rather than enums or optional-field bags",
      "No `as` casts or non-null assertions (`!`) to silence the compiler; fix the type or check at run time",
      "End a `switch` over a union with a `never` check so a new variant fails to compile",
      "Use `import type` for type-only imports and `readonly` for data a function must not change",
    ],
    good: `
      type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };

      export function area(shape: Shape): number {
        switch (shape.kind) {
          case "circle": return Math.PI * shape.r ** 2;
          case "square": return shape.side ** 2;
          default: { const unknownShape: never = shape; throw new TypeError(String(unknownShape)); }
        }
      }
    `,
    bad: `
      export function area(shape: any) {
        return shape.r ? Math.PI * shape.r ** 2 : (shape as Square).side! ** 2;
      }
    `,
  }),
  entry({
    id: "core-rules/javascript",
    title: "JavaScript",
    summary: "Modern JavaScript: ES modules, const, strict equality, awaited promises",
    category: "core-rules",
    description:
      "JavaScript conventions: ES modules, const, ===, async/await without floating promises, JSDoc types",
    globs: ["**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"],
    alwaysApply: false,
    triggers: [{ language: "JavaScript" }, { language: "JSX" }],
    context: [
      "Applies to plain JavaScript files (`.js`, `.jsx`, `.mjs`, `.cjs`)",
      "Without a compiler, JSDoc types and lint rules are the only safety net",
    ],
    rules: [
      "ES modules (`import`/`export`) in new code; `require` only in files that are already CommonJS",
      "`const` by default, `let` when the variable is reassigned, never `var`",
      "Always `===` and `!==`",
      "Await or return every promise; a floating promise loses its errors",
      'Use `??` for defaults (it keeps `0` and `""`) and `?.` for optional access',
      "Do not mutate arguments; return new objects and arrays (spread, `map`, `filter`)",
      "Document exported functions with JSDoc types (`@param {string} name`) so editors can check calls",
    ],
    good: `
      /** @param {{ port?: number }} options */
      export async function start(options = {}) {
        const port = options.port ?? 3000;
        return await listen(port);
      }
    `,
    bad: `
      var port = options.port || 3000; // a port of 0 becomes 3000
      listen(port).then(function (s) { server = s; }); // floating promise, implicit global
    `,
  }),
  entry({
    id: "core-rules/python",
    title: "Python",
    summary: "Typed, idiomatic Python 3: annotations, pathlib, specific exceptions, logging",
    category: "core-rules",
    description:
      "Python conventions: type hints, pathlib, no mutable defaults, specific exceptions, logging",
    globs: ["**/*.py"],
    alwaysApply: false,
    triggers: [{ language: "Python" }],
    context: [
      "Applies to every Python file; target the version in `requires-python`",
      "A type checker (mypy or pyright) runs on the code, so annotations must be accurate",
    ],
    rules: [
      "Annotate every function's parameters and return type; use `X | None`, `list[str]` (PEP 604/585)",
      "Use `pathlib.Path`, f-strings and dataclasses or pydantic models, not `os.path`, `%` and loose dicts",
      "Never use a mutable default argument; default to `None` and create the value inside",
      "Catch specific exceptions; never a bare `except:` or `except Exception: pass`",
      "Library code logs with `logger = logging.getLogger(__name__)`, never `print`",
      'Open files with `with` and `encoding="utf-8"`',
      "Imports at the top, grouped standard library, third party, local; no wildcard imports",
    ],
    good: `
      import logging
      from pathlib import Path

      logger = logging.getLogger(__name__)

      def load_names(path: Path, extra: list[str] | None = None) -> list[str]:
          names = path.read_text(encoding="utf-8").splitlines()
          return names + (extra or [])
    `,
    bad: `
      def load_names(path, extra=[]):
          try:
              return open(path).read().split("\\n") + extra
          except:
              print("failed")
    `,
  }),
  entry({
    id: "core-rules/go",
    title: "Go",
    summary: "Idiomatic Go: gofmt, wrapped errors, context first, owned goroutines",
    category: "core-rules",
    description:
      "Go conventions: gofmt, wrapped errors, context.Context first, small interfaces, no leaked goroutines",
    globs: ["**/*.go"],
    alwaysApply: false,
    triggers: [{ language: "Go" }],
    context: [
      "Applies to every Go file; `go vet` and the project's linters run in CI",
      "Follow Effective Go and the Go Code Review Comments",
    ],
    rules: [
      "Format with `gofmt` (or `goimports`); never align code by hand",
      'Check every error and wrap it with context: `fmt.Errorf("load config: %w", err)`; test with `errors.Is`/`errors.As`',
      "Pass `context.Context` as the first parameter of anything that does I/O or blocks; never store it in a struct",
      "Accept interfaces, return concrete types; declare small interfaces where they are used",
      "`panic` only for programmer errors, never for expected failures",
      "Every goroutine has an owner and an exit path (context cancellation, `errgroup`)",
      "Short lowercase package names without underscores; no `util` or `common` packages",
    ],
    good: `
      func LoadConfig(ctx context.Context, path string) (*Config, error) {
      \tdata, err := os.ReadFile(path)
      \tif err != nil {
      \t\treturn nil, fmt.Errorf("load config %s: %w", path, err)
      \t}
      \treturn parseConfig(ctx, data)
      }
    `,
    bad: `
      func LoadConfig(path string) *Config {
      \tdata, _ := os.ReadFile(path)
      \tgo refreshForever(path) // no way to stop it
      \treturn parseConfig(context.Background(), data)
      }
    `,
  }),
  entry({
    id: "core-rules/rust",
    title: "Rust",
    summary: "Idiomatic Rust: clippy-clean, errors propagated with ?, no unwrap in library code",
    category: "core-rules",
    description:
      "Rust conventions: clippy clean, Result and ? instead of unwrap, borrowing, documented unsafe",
    globs: ["**/*.rs"],
    alwaysApply: false,
    triggers: [{ language: "Rust" }],
    context: [
      "Applies to every Rust file of the crate or workspace",
      "`cargo fmt --check` and `cargo clippy --all-targets -- -D warnings` must pass",
    ],
    rules: [
      'No `unwrap()` in library code or request paths; propagate with `?`; `expect("why")` only for true invariants',
      "Libraries define error enums with `thiserror`; binaries use `anyhow::Result` with `.context(...)`",
      "Borrow in parameters (`&str`, `&[T]`, `&Path`) and return owned values; clone only with a reason",
      "Every `unsafe` block has a `// SAFETY:` comment stating the invariant it relies on",
      "Prefer iterators and combinators over index loops",
      "Derive `Debug` on public types; document public items with `///` and an example",
    ],
    good: `
      fn read_port(path: &Path) -> anyhow::Result<u16> {
          let text = fs::read_to_string(path)
              .with_context(|| format!("reading {}", path.display()))?;
          Ok(text.trim().parse()?)
      }
    `,
    bad: `
      fn read_port(path: String) -> u16 {
          let text = fs::read_to_string(path.clone()).unwrap();
          text.trim().parse().unwrap()
      }
    `,
  }),
  entry({
    id: "core-rules/java",
    title: "Java",
    summary: "Modern Java: records, Optional results, try-with-resources, constructor injection",
    category: "core-rules",
    description:
      "Java conventions: records, no null collections, Optional results, try-with-resources, SLF4J",
    globs: ["**/*.java"],
    alwaysApply: false,
    triggers: [{ language: "Java" }],
    context: [
      "Applies to every Java file; use the language level the build (Maven or Gradle) sets",
      "Immutability and explicit absence make code easier to reason about",
    ],
    rules: [
      "Records for immutable data carriers; `final` fields everywhere else unless mutation is needed",
      "Never return `null` for a collection (return an empty one); return `Optional` for an absent single result, never take it as a field or parameter",
      "Catch specific exceptions and never swallow them; rethrow with the cause attached",
      "try-with-resources for every `AutoCloseable`",
      "Constructor injection into `final` fields; no static mutable state",
      'Log with SLF4J placeholders (`log.info("Loaded {}", id)`), never `System.out` or string concatenation',
    ],
    good: `
      public record User(String id, String email) {}

      public Optional<User> findById(String id) throws SQLException {
          try (var stmt = connection.prepareStatement("SELECT id, email FROM users WHERE id = ?")) {
              stmt.setString(1, id);
              try (var rows = stmt.executeQuery()) {
                  return rows.next() ? Optional.of(new User(rows.getString(1), rows.getString(2))) : Optional.empty();
              }
          }
      }
    `,
    bad: `
      public User findById(String id) {
          try { return dao.load(id); } catch (Exception e) { return null; }
      }
    `,
  }),
  entry({
    id: "core-rules/ruby",
    title: "Ruby",
    summary:
      "Idiomatic Ruby: frozen string literals, guard clauses, specific errors, RuboCop-clean",
    category: "core-rules",
    description:
      "Ruby conventions: frozen string literals, small methods, keyword arguments, specific error classes",
    globs: ["**/*.rb"],
    alwaysApply: false,
    triggers: [{ language: "Ruby" }],
    context: [
      "Applies to every Ruby file; RuboCop enforces the project's style",
      "Prefer clear, small methods over clever metaprogramming",
    ],
    rules: [
      "Start every file with `# frozen_string_literal: true`",
      "Guard clauses instead of nested conditionals; methods short enough to read at a glance",
      "Keyword arguments for more than two parameters and for every boolean flag",
      "Raise specific error classes (subclasses of `StandardError`) and rescue specific ones; never `rescue Exception`",
      "`each`/`map`/`select`/`find` instead of `for` loops; no monkey-patching of core classes",
      "Do not disable a RuboCop cop inline without a comment saying why",
    ],
    good: `
      # frozen_string_literal: true

      class InvoiceMailer
        class MissingEmail < StandardError; end

        def deliver(invoice:, copy_to_admin: false)
          raise MissingEmail, "invoice #{invoice.id} has no email" if invoice.email.nil?

          send_mail(invoice.email, cc: copy_to_admin ? ADMIN : nil)
        end
      end
    `,
    bad: `
      def deliver(invoice, flag)
        if invoice.email != nil
          begin; send_mail(invoice.email); rescue Exception; end
        end
      end
    `,
  }),
  entry({
    id: "core-rules/php",
    title: "PHP",
    summary: "Modern PHP 8: strict types, PSR-12, typed signatures, prepared statements",
    category: "core-rules",
    description:
      "PHP conventions: strict_types, PSR-12 and PSR-4, typed signatures, prepared statements, escaping",
    globs: ["**/*.php"],
    alwaysApply: false,
    triggers: [{ language: "PHP" }],
    context: [
      "Applies to every PHP file (PHP 8.1 or later unless `composer.json` says otherwise)",
    ],
    rules: [
      "`declare(strict_types=1);` is the first statement of every file",
      "PSR-12 formatting; one class per file, namespace matching the PSR-4 path",
      "Type every parameter, property and return value; use union or nullable types explicitly",
      "Database access through prepared statements (PDO or the ORM); never interpolate input into SQL",
      "Escape output with the template engine or `htmlspecialchars($value, ENT_QUOTES, 'UTF-8')`",
      "Throw exceptions instead of returning `false`; never suppress errors with `@`",
    ],
    good: `
      <?php
      declare(strict_types=1);

      final class UserRepository
      {
          public function __construct(private readonly PDO $pdo) {}
          public function find(int $id): ?User
          {
              $stmt = $this->pdo->prepare('SELECT id, email FROM users WHERE id = :id');
              $stmt->execute(['id' => $id]);
              $row = $stmt->fetch(PDO::FETCH_ASSOC);
              return $row === false ? null : User::fromRow($row);
          }
      }
    `,
    bad: `
      <?php
      function find($id) {
          return mysqli_query($GLOBALS['db'], "SELECT * FROM users WHERE id = $id");
      }
    `,
  }),
  entry({
    id: "core-rules/csharp",
    title: "C#",
    summary: "Modern C#: nullable references, async all the way, DI, records",
    category: "core-rules",
    description:
      "C# conventions: nullable reference types, async with CancellationToken, DI, records, using",
    globs: ["**/*.cs"],
    alwaysApply: false,
    triggers: [{ language: "C#" }],
    context: [
      "Applies to every C# file; the projects enable `<Nullable>enable</Nullable>`",
      "Follow the .NET naming guidelines and the repository's `.editorconfig`",
    ],
    rules: [
      "Respect nullable annotations; do not silence warnings with `!`",
      "Async all the way: return `Task`, accept a `CancellationToken`, never block on `.Result` or `.Wait()`; `async void` only for event handlers",
      "Dispose with `using` declarations",
      "Constructor injection registered in the DI container; no service locator, no static mutable state",
      "PascalCase for types and public members, `_camelCase` for private fields; file-scoped namespaces",
      "`record` types for immutable DTOs; validate arguments with `ArgumentNullException.ThrowIfNull`",
    ],
    good: `
      public sealed class OrderService(IOrderRepository orders, ILogger<OrderService> logger)
      {
          public async Task<Order?> FindAsync(Guid id, CancellationToken ct)
          {
              var order = await orders.GetAsync(id, ct);
              if (order is null) logger.LogInformation("Order {OrderId} not found", id);
              return order;
          }
      }
    `,
    bad: `
      public Order Find(Guid id)
      {
          return new OrderRepository().GetAsync(id, default).Result!;
      }
    `,
  }),
  entry({
    id: "core-rules/shell",
    title: "Shell Scripts",
    summary: "Safe Bash: strict mode, quoted expansions, shellcheck-clean, cleanup traps",
    category: "core-rules",
    description:
      "Shell script conventions: bash strict mode, quoting, shellcheck clean, mktemp and traps",
    globs: ["**/*.sh", "**/*.bash"],
    alwaysApply: false,
    triggers: [{ language: "Shell" }],
    context: [
      "Applies to shell scripts; they run in CI and on developer machines (Linux and macOS)",
      "Scripts longer than about 100 lines belong in a real language",
    ],
    rules: [
      "Start with `#!/usr/bin/env bash` and `set -euo pipefail`",
      'Quote every expansion (`"$var"`, `"$@"`); use arrays for argument lists',
      "`[[ ... ]]` for tests and `$(...)` for command substitution",
      "`shellcheck` passes with no warnings",
      "Declare function variables `local`",
      "Temporary files via `mktemp`, removed by `trap 'rm -rf \"$tmp\"' EXIT`",
      "Errors go to stderr (`>&2`) and end in a non-zero exit",
    ],
    good: `
      #!/usr/bin/env bash
      set -euo pipefail
      tmp="$(mktemp -d)"
      trap 'rm -rf "$tmp"' EXIT
      for file in "$@"; do
        cp -- "$file" "$tmp/"
      done
    `,
    bad: `
      #!/bin/sh
      tmp=/tmp/work
      for file in $*; do cp $file $tmp; done
    `,
  }),
  entry({
    id: "core-rules/sql",
    title: "SQL",
    summary:
      "SQL and migrations: append-only migrations, explicit columns, constraints, safe indexes",
    category: "core-rules",
    description:
      "SQL conventions: append-only migrations, explicit columns, constraints, indexes, no string-built SQL",
    globs: ["**/*.sql"],
    alwaysApply: false,
    triggers: [{ language: "SQL" }],
    context: [
      "Applies to SQL files: migrations, views, seed data and queries",
      "Migrations run in order on every environment; once applied they are history",
    ],
    rules: [
      "Never edit a migration that has been applied anywhere; add a new one",
      "Keep schema changes and large data backfills in separate migrations",
      "List columns explicitly in `INSERT` and `SELECT`; no `SELECT *` in application queries",
      "Enforce integrity in the database: `NOT NULL`, `FOREIGN KEY`, `UNIQUE`, `CHECK`",
      "Index foreign keys and frequent filter columns; on large PostgreSQL tables use `CREATE INDEX CONCURRENTLY`",
      "Uppercase keywords, snake_case identifiers",
      "Application code passes values as parameters; never concatenate them into SQL",
    ],
    good: `
      -- 0042_index_orders_customer_id.sql
      CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx
        ON orders (customer_id);
    `,
    bad: `
      -- edited 0007_create_orders.sql after it was deployed
      SELECT * FROM orders WHERE customer = '" + name + "';
    `,
  }),
];
