/**
 * The rules surface over a real stdio server: resources (index, parsed, raw),
 * name completion, the two prompts, and notifications when rule files change.
 */
import assert from "node:assert/strict";
import {
  Client,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  StdioClientTransport,
} from "../_sdk_client.ts";
import { mainArgs, makeWorkspace, removeWorkspace } from "../_support.ts";

const STYLE = "---\ndescription: Code style\nglobs: src/**/*.ts\n---\n# Style\n\nBe terse.\n";

async function withServer(fn: (client: Client, root: string) => Promise<void>): Promise<void> {
  const root = await makeWorkspace({
    ".cursor/rules/core-rules/style.mdc": STYLE,
    ".cursor/rules/testing-rules/deno.mdc":
      "---\ndescription: Deno tests\nglobs: tests/**\n---\n# Tests\n\nUse @src/missing.ts\n",
    "src/a.ts": "",
  });
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: mainArgs(root, ["serve", "--tools", "core,rules"]),
    cwd: root,
    env: { NO_COLOR: "1" },
    stderr: "pipe",
  });
  const client = new Client({ name: "rules-test", version: "1" });
  await client.connect(transport);
  try {
    await fn(client, root);
  } finally {
    await client.close();
    await removeWorkspace(root);
  }
}

function textOf(result: { contents: Array<Record<string, unknown>> }): string {
  return String(result.contents[0]!.text);
}

function waitFor<T>(
  what: string,
  register: (resolve: (value: T) => void) => void,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

Deno.test("MCP rules: resources list, read parsed and raw rules, and complete names", async () => {
  await withServer(async (client) => {
    const { resources } = await client.listResources();
    assert.deepEqual(resources.map((r) => r.uri).sort(), [
      "codegen-lab://workspace",
      "cursor-rule-raw://core-rules/style",
      "cursor-rule-raw://testing-rules/deno",
      "cursor-rule://core-rules/style",
      "cursor-rule://testing-rules/deno",
      "cursor-rules://list",
    ]);
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate).sort(), [
      "cursor-rule-raw://{+name}",
      "cursor-rule://{+name}",
    ]);
    const raw = await client.readResource({ uri: "cursor-rule-raw://core-rules/style" });
    assert.deepEqual(raw.contents, [{
      uri: "cursor-rule-raw://core-rules/style",
      mimeType: "text/markdown",
      text: STYLE,
    }]);
    const parsed = JSON.parse(
      textOf(await client.readResource({ uri: "cursor-rule://core-rules/style" })),
    );
    assert.equal(parsed.type, "auto-attached");
    assert.deepEqual(parsed.globs, ["src/**/*.ts"]);
    const index = JSON.parse(textOf(await client.readResource({ uri: "cursor-rules://list" })));
    assert.deepEqual(index.rules.map((r: { name: string }) => r.name), [
      "core-rules/style",
      "testing-rules/deno",
    ]);
    await assert.rejects(
      client.readResource({ uri: "cursor-rule://nope" }),
      /Cannot find rule "nope"/,
    );
    const completion = await client.complete({
      ref: { type: "ref/resource", uri: "cursor-rule://{+name}" },
      argument: { name: "name", value: "core" },
    });
    assert.deepEqual(completion.completion.values, ["core-rules/style"]);
  });
});

Deno.test("MCP rules: prompts are filled with the project's rules and problems", async () => {
  await withServer(async (client) => {
    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name), ["generate-cursor-rule", "review-cursor-rules"]);
    const generated = await client.getPrompt({
      name: "generate-cursor-rule",
      arguments: { topic: "error handling", ruleType: "agent-requested" },
    });
    const text = (generated.messages[0]!.content as { text: string }).text;
    assert.match(text, /^Write one Cursor rule about: error handling\.\nMake it agent-requested\./);
    assert.match(
      text,
      /- core-rules\/style \(auto-attached\): Code style \[globs: src\/\*\*\/\*\.ts\]/,
    );
    assert.match(text, /Project top level: \.cursor\/, src\//);
    const review = await client.getPrompt({ name: "review-cursor-rules", arguments: {} });
    const reviewText = (review.messages[0]!.content as { text: string }).text;
    assert.match(
      reviewText,
      /reference-broken: @src\/missing\.ts points to a file that does not exist/,
    );
    assert.match(reviewText, /### testing-rules\/deno\n---\ndescription: Deno tests/);
    const types = await client.complete({
      ref: { type: "ref/prompt", name: "generate-cursor-rule" },
      argument: { name: "ruleType", value: "a" },
    });
    assert.deepEqual(types.completion.values, ["always", "auto-attached", "agent-requested"]);
  });
});

Deno.test("MCP rules: editing a subscribed rule sends resources/updated; adding one sends list_changed", async () => {
  await withServer(async (client, root) => {
    const updated: string[] = [];
    let onUpdated: ((uri: string) => void) | undefined;
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updated.push(notification.params.uri);
      onUpdated?.(notification.params.uri);
    });
    let onListChanged: (() => void) | undefined;
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => onListChanged?.());
    await client.subscribeResource({ uri: "cursor-rule-raw://core-rules/style" });
    // The server's watcher starts with the server; until it is in place a save
    // goes unseen, so save again until the notification comes.
    const gotUpdate = waitFor<string>(
      "resources/updated",
      (resolve) => (onUpdated = resolve),
      15_000,
    );
    let saved = false;
    gotUpdate.then(() => (saved = true), () => {});
    for (let attempt = 0; attempt < 30 && !saved; attempt++) {
      const text = STYLE.replace("terse", `brief${attempt}`);
      await Deno.writeTextFile(`${root}/.cursor/rules/core-rules/style.mdc`, text);
      await Promise.race([
        gotUpdate.catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, 500)),
      ]);
    }
    assert.equal(await gotUpdate, "cursor-rule-raw://core-rules/style");
    const read = await client.readResource({ uri: "cursor-rule-raw://core-rules/style" });
    assert.match(textOf(read), /Be brief\d+\./);
    const gotList = waitFor<void>("resources/list_changed", (resolve) => (onListChanged = resolve));
    await Deno.writeTextFile(
      `${root}/.cursor/rules/core-rules/new.mdc`,
      "---\nalwaysApply: true\n---\nNew.\n",
    );
    await gotList;
    assert.ok(
      updated.every((uri) => uri === "cursor-rule-raw://core-rules/style"),
      "only the subscribed URI is announced",
    );
  });
});
