import assert from "node:assert/strict";
import {
  ConfigError,
  configLeaves,
  type EnvReader,
  loadConfig,
  Secret,
} from "../../src/core/mod.ts";
import { makeWorkspace, removeWorkspace } from "../_support.ts";

function env(values: Record<string, string>): EnvReader {
  return { get: (name) => values[name], names: () => Object.keys(values) };
}

Deno.test("loadConfig() applies defaults when there is no file and no variable", async () => {
  const root = await makeWorkspace();
  try {
    const { config, file, envVariables } = await loadConfig(root, { env: env({}) });
    assert.equal(file, undefined);
    assert.deepEqual(envVariables, []);
    assert.deepEqual(config.sandbox, {
      timeoutMs: 10_000,
      memoryMb: 256,
      maxOutputBytes: 1_048_576,
      pythonPoolSize: 1,
    });
    assert.equal(config.logLevel, "warning");
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("loadConfig() lets environment variables override codegen-lab.json", async () => {
  const root = await makeWorkspace({
    "codegen-lab.json": JSON.stringify({
      sandbox: { timeoutMs: 5000, memoryMb: 128 },
      logLevel: "info",
    }),
  });
  try {
    const { config, file, envVariables } = await loadConfig(root, {
      env: env({
        CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT_MS: "2000",
        CODEGEN_LAB_CONFIG_LLM_API_KEY: "sk-test-123",
        CODEGEN_LAB_TOOLS: "core, rules",
      }),
    });
    assert.equal(file, `${root}/codegen-lab.json`);
    assert.equal(config.sandbox.timeoutMs, 2000);
    assert.equal(config.sandbox.memoryMb, 128);
    assert.equal(config.logLevel, "info");
    assert.deepEqual(config.tools, ["core", "rules"]);
    assert.ok(config.llm.apiKey instanceof Secret);
    assert.equal(config.llm.apiKey.reveal(), "sk-test-123");
    assert.deepEqual(envVariables.sort(), [
      "CODEGEN_LAB_CONFIG_LLM_API_KEY",
      "CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT_MS",
      "CODEGEN_LAB_TOOLS",
    ]);
    assert.doesNotMatch(JSON.stringify(config), /sk-test-123/);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("loadConfig() names the variable and the rule a bad value breaks", async () => {
  const root = await makeWorkspace();
  try {
    await assert.rejects(
      loadConfig(root, { env: env({ CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT_MS: "soon" }) }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(
          error.message,
          "Invalid configuration:\n  - CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT_MS (sandbox.timeoutMs): expected number, received string",
        );
        return true;
      },
    );
    await assert.rejects(
      loadConfig(root, { env: env({ CODEGEN_LAB_CONFIG_SANDBOX_MEMORY_MB: "1" }) }),
      /CODEGEN_LAB_CONFIG_SANDBOX_MEMORY_MB \(sandbox\.memoryMb\): Too small: expected number to be >=16/,
    );
    await assert.rejects(
      loadConfig(root, { env: env({ CODEGEN_LAB_TOOLS: "rules,bogus" }) }),
      /CODEGEN_LAB_TOOLS \(tools\.1\): Invalid option: expected one of "core"\|"rules"/,
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("loadConfig() rejects unknown CODEGEN_LAB_CONFIG_ variables with the known list", async () => {
  const root = await makeWorkspace();
  try {
    await assert.rejects(
      loadConfig(root, { env: env({ CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT: "1" }) }),
      /Cannot use environment variable CODEGEN_LAB_CONFIG_SANDBOX_TIMEOUT: it sets no known option/,
    );
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("loadConfig() reports JSON syntax errors with line and column, and unknown keys", async () => {
  const root = await makeWorkspace({ "codegen-lab.json": '{\n  "logLevel": "info",\n}\n' });
  try {
    await assert.rejects(loadConfig(root, { env: env({}) }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^Cannot parse codegen-lab\.json:3:1: /);
      assert.match(error.hint ?? "", /trailing commas/);
      return true;
    });
    await Deno.writeTextFile(`${root}/codegen-lab.json`, '{"sandbox": {"timeout": 3}}');
    await assert.rejects(
      loadConfig(root, { env: env({}) }),
      /codegen-lab\.json sandbox: unknown field "timeout"/,
    );
    await Deno.writeTextFile(`${root}/codegen-lab.json`, "[1]");
    await assert.rejects(loadConfig(root, { env: env({}) }), /it must hold a JSON object/);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("configLeaves() derives one variable per option from the schema", () => {
  const variables = configLeaves().map((leaf) => leaf.variable);
  assert.ok(variables.includes("CODEGEN_LAB_CONFIG_LLM_BASE_URL"));
  assert.ok(variables.includes("CODEGEN_LAB_CONFIG_SANDBOX_PYTHON_POOL_SIZE"));
  assert.ok(variables.includes("CODEGEN_LAB_CONFIG_LOG_LEVEL"));
  assert.equal(new Set(variables).size, variables.length);
});
