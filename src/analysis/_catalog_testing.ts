/**
 * Catalogue entries for test frameworks, attached to test files.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

/** pytest, Jest, Vitest, Deno, Go, Playwright, RSpec, cargo test and JUnit. */
export const TESTING_RULES: readonly CatalogRule[] = [
  entry({
    id: "testing-rules/pytest",
    title: "pytest",
    summary: "pytest: plain asserts, fixtures, parametrize, tmp_path and monkeypatch",
    category: "testing-rules",
    description:
      "pytest conventions: plain assert, fixtures in conftest.py, parametrize, pytest.raises",
    globs: ["tests/**/*.py", "**/test_*.py", "**/*_test.py", "**/conftest.py"],
    alwaysApply: false,
    triggers: [{ testing: "pytest" }],
    context: [
      "Tests run with pytest, configured in `pyproject.toml` (`[tool.pytest.ini_options]`)",
      "Run `pytest -q` (add `-x` while iterating) and keep the suite green",
    ],
    rules: [
      "Plain `assert` statements; pytest explains failures, so no `unittest` assertion methods",
      "Shared setup in fixtures (`conftest.py`), at the smallest scope that works; `yield` fixtures for teardown",
      "`tmp_path` for files and `monkeypatch` for environment and attributes; never touch real home directories or the network",
      "Tables of inputs use `pytest.mark.parametrize`, not loops inside one test",
      "Check errors with `pytest.raises(ValueError, match=...)`",
      "Name tests `test_<behaviour>`, one behaviour each, independent of execution order",
    ],
    good: `
      @pytest.mark.parametrize(("raw", "expected"), [("1", 1), (" 2 ", 2)])
      def test_parse_port_strips_whitespace(raw: str, expected: int) -> None:
          assert parse_port(raw) == expected

      def test_parse_port_rejects_text() -> None:
          with pytest.raises(ValueError, match="not a number"):
              parse_port("http")
    `,
    bad: `
      def test_ports(self):
          for raw in ["1", " 2 "]:
              self.assertTrue(parse_port(raw))
    `,
  }),
  entry({
    id: "testing-rules/jest",
    title: "Jest",
    summary: "Jest: behaviour-named tests, exact matchers, module mocks that reset, fake timers",
    category: "testing-rules",
    description:
      "Jest conventions: describe and it per behaviour, exact matchers, reset mocks, fake timers",
    globs: ["**/*.test.ts", "**/*.test.tsx", "**/*.test.js", "**/__tests__/**"],
    alwaysApply: false,
    triggers: [{ testing: "jest" }],
    context: [
      "Tests run with Jest; the transformer (ts-jest, babel-jest or SWC) is already configured",
      "Run the project's test script (`npm test -- path/to/file`) before finishing",
    ],
    rules: [
      '`describe` per unit, `it("does X when Y")` per behaviour; arrange, act, assert',
      'Assert exact values (`toEqual`, `toStrictEqual`, `toThrow("message")`); no snapshots for logic',
      'Mock at module boundaries with `jest.mock("./client")`; set `restoreMocks: true` or call `jest.restoreAllMocks()` in `afterEach`',
      "Await async assertions: `await expect(promise).rejects.toThrow(...)`",
      "Use `jest.useFakeTimers()` instead of real waits",
      "With Testing Library, query by role or label (`getByRole`) and drive the UI with `userEvent`",
    ],
    good: `
      describe("formatPrice()", () => {
        it("pads to two decimals", () => {
          expect(formatPrice(1.5, "EUR")).toBe("€1.50");
        });
        it("rejects negative amounts", () => {
          expect(() => formatPrice(-1, "EUR")).toThrow("amount must be positive");
        });
      });
    `,
    bad: `
      it("works", () => {
        const result = formatPrice(1.5, "EUR");
        expect(result).toBeTruthy();
        expect(result).toMatchSnapshot();
      });
    `,
  }),
  entry({
    id: "testing-rules/vitest",
    title: "Vitest",
    summary:
      "Vitest: explicit imports, hoisted mocks restored after each test, fake timers, run mode in CI",
    category: "testing-rules",
    description:
      "Vitest conventions: explicit imports, vi.mock and vi.fn restored, fake timers, vitest run in CI",
    globs: ["**/*.test.ts", "**/*.test.tsx", "**/*.spec.tsx", "vitest.config.*"],
    alwaysApply: false,
    triggers: [{ testing: "vitest" }],
    context: [
      "Tests run with Vitest, which shares the Vite configuration",
      "`vitest` watches by default; CI runs `vitest run`",
    ],
    rules: [
      "Import the test API from `vitest` unless `globals: true` is configured",
      "`vi.mock` is hoisted above imports: values it needs come from `vi.hoisted`",
      "Restore mocks after each test (`restoreMocks: true` or `vi.restoreAllMocks()`)",
      "`vi.useFakeTimers()` and `vi.advanceTimersByTime()` instead of real waits",
      "DOM tests opt in per file (`// @vitest-environment jsdom`); the default environment is node",
      "Inline snapshots only for small serialised output; `expectTypeOf` when types are the contract",
    ],
    good: `
      import { afterEach, describe, expect, it, vi } from "vitest";
      afterEach(() => vi.restoreAllMocks());

      describe("retry()", () => {
        it("retries until the call succeeds", async () => {
          const call = vi.fn().mockRejectedValueOnce(new Error("busy")).mockResolvedValue("ok");
          await expect(retry(call, { attempts: 2 })).resolves.toBe("ok");
          expect(call).toHaveBeenCalledTimes(2);
        });
      });
    `,
    bad: `
      it("works", async () => {
        retry(call);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      });
    `,
  }),
  entry({
    id: "testing-rules/deno-test",
    title: "Deno Tests",
    summary: "Deno.test: named behaviours, exact assertions, sanitizers on, narrow permissions",
    category: "testing-rules",
    description:
      "Deno test conventions: Deno.test per behaviour, exact assertions, sanitizers, permissions",
    globs: ["**/*_test.ts", "**/*.test.ts", "tests/**/*.ts"],
    alwaysApply: false,
    triggers: [{ testing: "deno-test" }],
    context: [
      "Tests run with `deno test` and the narrowest permission flags that work",
      "Doc examples are tests too: `deno test --doc`",
    ],
    rules: [
      '`Deno.test("fn() behaviour", ...)`, one behaviour each; `t.step` only for ordered sub-steps',
      'Assert exact values and errors (`assertEquals`, `assertThrows(fn, RangeError, "message")`, `assertRejects`)',
      "Keep the sanitizers on: close files, servers and timers and await every promise",
      "Scratch files in `Deno.makeTempDir()`, removed in `finally`",
      "Fake time (`FakeTime`) instead of real waits",
      "Declare extra permissions in the test (`permissions: { read: true }`) rather than running everything with `-A`",
    ],
    good: `
      Deno.test("parsePort() rejects text", () => {
        assertThrows(() => parsePort("http"), RangeError, "not a number");
      });
    `,
    bad: `
      Deno.test("ports", () => {
        Deno.serve(handler); // never shut down: the resource sanitizer fails
        parsePort("80");
      });
    `,
  }),
  entry({
    id: "testing-rules/go-test",
    title: "Go Tests",
    summary: "Go tests: table-driven subtests, precise failure messages, t.Helper, race detector",
    category: "testing-rules",
    description:
      "Go test conventions: table-driven t.Run subtests, got/want messages, t.TempDir, go test -race",
    globs: ["**/*_test.go"],
    alwaysApply: false,
    triggers: [{ testing: "go-test" }],
    context: [
      "Tests use the standard `testing` package; CI runs `go test -race ./...`",
      "Test data lives in `testdata/`, which the go tool ignores",
    ],
    rules: [
      "Table-driven tests with `t.Run(tc.name, ...)`; `t.Parallel()` when cases share no state",
      "Failure messages say what was called, what came back and what was wanted: `Parse(%q) = %v, want %v`",
      "Compare structs with `cmp.Diff` (go-cmp) instead of `reflect.DeepEqual`",
      "`t.Helper()` in helpers; `t.TempDir()`, `t.Setenv()` and `t.Cleanup()` instead of manual teardown",
      "`t.Fatalf` only when the test cannot go on; otherwise `t.Errorf`",
      "Test HTTP with `httptest`; golden files in `testdata/` with an `-update` flag",
    ],
    good: `
      func TestParsePort(t *testing.T) {
      \ttests := []struct{ name, in string; want int }{{"plain", "80", 80}, {"spaces", " 8080 ", 8080}}
      \tfor _, tc := range tests {
      \t\tt.Run(tc.name, func(t *testing.T) {
      \t\t\tif got, err := ParsePort(tc.in); err != nil || got != tc.want {
      \t\t\t\tt.Errorf("ParsePort(%q) = %d, %v; want %d, nil", tc.in, got, err, tc.want)
      \t\t\t}
      \t\t})
      \t}
      }
    `,
    bad: `
      func TestParsePort(t *testing.T) {
      \tp, _ := ParsePort("80")
      \tif p != 80 { t.Fatal("wrong") }
      }
    `,
  }),
  entry({
    id: "testing-rules/playwright",
    title: "Playwright",
    summary:
      "Playwright end-to-end tests: user-facing locators, web-first assertions, isolated tests",
    category: "testing-rules",
    description:
      "Playwright conventions: role and label locators, web-first assertions, no fixed waits",
    globs: ["e2e/**", "tests/e2e/**", "playwright.config.*"],
    alwaysApply: false,
    triggers: [{ testing: "playwright" }],
    context: [
      "End-to-end tests run with `npx playwright test` against a real build",
      "Tests describe what a user does and sees, not the DOM structure",
    ],
    rules: [
      'Locate by role, label or text (`getByRole("button", { name: "Save" })`); `getByTestId` as the fallback; no CSS or XPath chains',
      "Web-first assertions that retry (`await expect(locator).toBeVisible()`); never `waitForTimeout`",
      "Each test creates its own data and needs no other test; log in once through a `storageState` setup project",
      "Shared setup goes in fixtures; long flows are split with `test.step`",
      "Mock third-party services with `page.route`, not your own backend",
      'CI records traces on the first retry (`trace: "on-first-retry"`)',
    ],
    good: `
      test("a user saves the profile", async ({ page }) => {
        await page.goto("/profile");
        await page.getByLabel("Name").fill("Ada");
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page.getByText("Profile saved")).toBeVisible();
      });
    `,
    bad: `
      await page.click("#root > div:nth-child(3) .btn-primary");
      await page.waitForTimeout(3000);
      expect(await page.isVisible(".toast")).toBe(true);
    `,
  }),
  entry({
    id: "testing-rules/rspec",
    title: "RSpec",
    summary:
      "RSpec: described behaviour, let over instance variables, verifying doubles, request specs",
    category: "testing-rules",
    description:
      "RSpec conventions: describe and context, let, expect syntax, FactoryBot, verifying doubles",
    globs: ["spec/**/*.rb"],
    alwaysApply: false,
    triggers: [{ testing: "rspec" }],
    context: [
      "Specs run with `bundle exec rspec` (`--only-failures` while iterating)",
      "Each example documents one behaviour of the described object",
    ],
    rules: [
      '`describe` the class or method (`describe "#total"`), `context "when ..."`, `it "returns ..."`',
      "`let` for lazy data; `let!` only when the record must exist up front; no instance variables in `before`",
      "`expect(...).to` syntax only, never `should`",
      "FactoryBot with minimal attributes; `build` or `build_stubbed` when the database is not needed",
      "Verifying doubles (`instance_double`) instead of plain `double`",
      "Request specs rather than controller specs; `travel_to` for time",
    ],
    good: `
      RSpec.describe Cart, "#total" do
        let(:cart) { build(:cart, items: [build(:item, price: 5), build(:item, price: 7)]) }

        context "when a coupon applies" do
          it "subtracts the discount" do
            cart.coupon = build(:coupon, amount: 2)
            expect(cart.total).to eq(10)
          end
        end
      end
    `,
    bad: `
      describe Cart do
        before { @cart = Cart.create!(items: Item.all) }
        it { @cart.total.should > 0 }
      end
    `,
  }),
  entry({
    id: "testing-rules/cargo-test",
    title: "Rust Tests",
    summary:
      "cargo test: unit tests beside the code, integration tests on the public API, Result-returning tests",
    category: "testing-rules",
    description:
      "Rust test conventions: cfg(test) modules, integration tests in tests/, assert_eq with context",
    globs: ["tests/**/*.rs"],
    alwaysApply: false,
    triggers: [{ testing: "cargo-test" }],
    context: [
      "Unit tests sit in a `#[cfg(test)] mod tests` at the bottom of each file; integration tests in `tests/`",
      "CI runs `cargo test --all-features` (doc examples included)",
    ],
    rules: [
      "Integration tests use only the crate's public API",
      "Tests that can fail in setup return `Result<(), Box<dyn std::error::Error>>` and use `?`",
      '`assert_eq!(got, want, "context")` with a message when the values alone do not explain the failure',
      '`#[should_panic(expected = "...")]` only when the panic is the contract',
      "Temporary files through `tempfile::tempdir()`, never fixed paths",
      "Async tests with `#[tokio::test]`",
    ],
    good: `
      #[test]
      fn parses_config_with_defaults() -> Result<(), Box<dyn std::error::Error>> {
          let dir = tempfile::tempdir()?;
          std::fs::write(dir.path().join("app.toml"), "name = \\"demo\\"")?;
          let config = Config::load(dir.path())?;
          assert_eq!(config.port, 8080, "default port");
          Ok(())
      }
    `,
    bad: `
      #[test]
      fn test1() {
          let config = Config::load(Path::new("/tmp/app")).unwrap();
          assert!(config.port > 0);
      }
    `,
  }),
  entry({
    id: "testing-rules/junit",
    title: "JUnit",
    summary: "JUnit 5: AssertJ assertions, parameterized tests, Mockito extension, @TempDir",
    category: "testing-rules",
    description:
      "JUnit 5 conventions: descriptive names, AssertJ, parameterized tests, Mockito, Testcontainers",
    globs: ["src/test/**/*.java", "src/test/**/*.kt"],
    alwaysApply: false,
    triggers: [{ testing: "junit" }],
    context: [
      "Tests use JUnit 5 (Jupiter) and run with `./mvnw test` or `./gradlew test`",
      "No JUnit 4 runners or rules in new tests",
    ],
    rules: [
      "Method names state the behaviour: `returnsEmptyListWhenNoOrders`",
      "AssertJ (`assertThat(actual).isEqualTo(expected)`) and `assertThrows` with a message check",
      "`@ParameterizedTest` with `@CsvSource` or `@MethodSource` for tables of cases",
      "`@ExtendWith(MockitoExtension.class)`; mock only collaborators you own",
      "`@TempDir` for files; Testcontainers for databases instead of in-memory substitutes",
      "No shared mutable state between tests; no ordering with `@Order`",
    ],
    good: `
      @ParameterizedTest
      @CsvSource({"80, 80", "' 8080 ', 8080"})
      void parsesPortsWithSurroundingSpaces(String raw, int expected) {
          assertThat(Ports.parse(raw)).isEqualTo(expected);
      }
    `,
    bad: `
      @Test
      public void test1() throws Exception {
          assertTrue(Ports.parse("80") > 0);
      }
    `,
  }),
];
