/**
 * The rules commands as a user runs them: a real CLI process with the serve
 * task's permissions, exit codes for CI, and `rules watch` reacting to saves.
 */
import assert from "node:assert/strict";
import { invoke, testContext } from "../../src/core/mod.ts";
import { rulesValidate } from "../../src/rules/mod.ts";
import { mainArgs, makeWorkspace, removeWorkspace, REPO_ROOT, runCliProcess } from "../_support.ts";

Deno.test("this repository's own .cursor/rules validate with no errors and no warnings", async () => {
  const out = await invoke(rulesValidate, { format: "text" }, await testContext(REPO_ROOT)) as {
    counts: { errors: number; warnings: number };
    rules: number;
    report: string;
  };
  assert.equal(out.report, `${out.rules} rules checked: 0 errors, 0 warnings, 0 notes`);
  assert.ok(out.rules >= 7);
});

Deno.test("codegen-lab rules validate exits 1 on errors and 0 when clean", async () => {
  const root = await makeWorkspace({
    ".cursor/rules/a.mdc": "---\nalwaysApply: yes\n---\nText.\n",
  });
  try {
    const bad = await runCliProcess(root, ["rules", "validate"]);
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stdout,
      '.cursor/rules/a.mdc:2:14: error always-apply-invalid: alwaysApply must be true or false, not "yes"\n' +
        "  hint: Write alwaysApply: true (lowercase, unquoted)\n1 rules checked: 1 errors, 0 warnings, 0 notes\n",
    );
    await Deno.writeTextFile(`${root}/.cursor/rules/a.mdc`, "---\nalwaysApply: true\n---\nText.\n");
    const good = await runCliProcess(root, ["rules", "validate", "--format", "sarif"]);
    assert.equal(good.code, 0);
    assert.deepEqual(JSON.parse(good.stdout).runs[0].results, []);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("codegen-lab rules delete refuses without --yes when not interactive", async () => {
  const root = await makeWorkspace({
    ".cursor/rules/a.mdc": "---\nalwaysApply: true\n---\nText.\n",
  });
  try {
    const refused = await runCliProcess(root, ["rules", "delete", "a"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^error: Refusing to run "rules delete" without confirmation\n/);
    assert.equal(
      await Deno.readTextFile(`${root}/.cursor/rules/a.mdc`),
      "---\nalwaysApply: true\n---\nText.\n",
    );
    const done = await runCliProcess(root, ["rules", "delete", "a", "--yes"]);
    assert.equal(done.code, 0, done.stderr);
    await assert.rejects(Deno.stat(`${root}/.cursor/rules/a.mdc`), Deno.errors.NotFound);
  } finally {
    await removeWorkspace(root);
  }
});

Deno.test("codegen-lab rules watch re-validates when a rule is saved", async () => {
  const root = await makeWorkspace({
    ".cursor/rules/a.mdc": "---\nalwaysApply: true\n---\nText.\n",
  });
  const child = new Deno.Command(Deno.execPath(), {
    args: mainArgs(root, ["rules", "watch"]),
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    clearEnv: true,
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  const readUntil = async (pattern: RegExp): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(output)) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no ${pattern} in:\n${output}`)),
          deadline - Date.now(),
        );
      });
      const { value, done } = await Promise.race([reader.read(), timeout]).finally(() =>
        clearTimeout(timer)
      );
      if (done) throw new Error(`watch exited:\n${output}`);
      output += value;
    }
  };
  try {
    await readUntil(/initial check\n1 rules checked: 0 errors, 0 warnings, 0 notes\n/);
    await Deno.writeTextFile(
      `${root}/.cursor/rules/a.mdc`,
      "---\nalwaysApply: maybe\n---\nText.\n",
    );
    await readUntil(
      /changed: \.cursor\/rules\/a\.mdc\n.*error always-apply-invalid: alwaysApply must be true or false, not "maybe"/,
    );
    await Deno.writeTextFile(`${root}/.cursor/rules/b.mdc`, "---\ndescription: New\n---\n");
    await readUntil(
      /changed: \.cursor\/rules\/b\.mdc\n[\s\S]*b\.mdc:4:1: error body-empty[\s\S]*2 rules checked: 2 errors/,
    );
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await reader.cancel().catch(() => {});
    await child.stderr.cancel().catch(() => {});
    await removeWorkspace(root);
  }
});
