/**
 * Private: runs sandboxed children as `nobody` (uid/gid 65534) when the host
 * runs as root, through util-linux `setpriv`.
 *
 * Deno's permission flags are the first wall; a separate uid is the second:
 * should a snippet ever get past Deno's checks, the kernel still refuses it
 * root's files. The prefix is
 * `setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs
 * --inh-caps=-all --bounding-set=-all --`: new uid and gid, no supplementary
 * groups, no privilege gain through set-uid binaries, and no capabilities.
 * `setpriv` execs the runtime in place, so the pid (and process group) stay
 * the child's.
 *
 * Whether it applies is probed once per runtime path by running
 * `<deno> --version` through that prefix. It is skipped, silently, when
 * `setpriv` is missing or not allowed (`--allow-run=setpriv`), when the host
 * is not root (`setresuid` fails), or when `nobody` cannot execute the
 * runtime. The staged files must then be readable by `nobody`.
 *
 * @module
 */

/** The uid and gid sandboxed children get when the host is root. */
export const SANDBOX_UID = 65534;

const PREFIX: readonly string[] = [
  `--reuid=${SANDBOX_UID}`,
  `--regid=${SANDBOX_UID}`,
  "--clear-groups",
  "--no-new-privs",
  "--inh-caps=-all",
  "--bounding-set=-all",
  "--",
];

const probes = new Map<string, Promise<boolean>>();

/**
 * How to spawn `deno` with dropped privileges, or undefined when it does not
 * apply here.
 *
 * @param deno The runtime to wrap.
 * @returns `{ command: "setpriv", args }` to put before the runtime's own
 * arguments, or undefined.
 */
export async function privilegeDrop(
  deno: string,
): Promise<{ command: string; args: string[] } | undefined> {
  if (Deno.build.os !== "linux") return undefined;
  if (Deno.permissions.querySync({ name: "run", command: "setpriv" }).state !== "granted") {
    return undefined;
  }
  let probe = probes.get(deno);
  if (probe === undefined) {
    probe = new Deno.Command("setpriv", {
      args: [...PREFIX, deno, "--version"],
      env: {},
      clearEnv: true,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output().then((out) => out.success, () => false);
    probes.set(deno, probe);
  }
  return await probe ? { command: "setpriv", args: [...PREFIX, deno] } : undefined;
}
