/**
 * Private: the detectors that read string contents, shared by every
 * language: credential and system file paths, obfuscated blobs and escape
 * runs, and `sh -c` with a built command.
 *
 * @module
 */
import type { ScanContext } from "./_scan_context.ts";

const SENSITIVE_MARKER =
  /\.(?:ssh|aws|gnupg|kube|docker|env|netrc|pgpass)\b|\/etc\/(?:passwd|shadow|gshadow|sudoers|master\.passwd)\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b/g;
const SENSITIVE_PATH =
  /(?:^|[\/\\~])\.(?:ssh|aws|gnupg)(?:[\/\\]|$)|(?:^|[\/\\])\.kube[\/\\]config\b|(?:^|[\/\\])\.docker[\/\\]config\.json\b|(?:^|[\/\\~])\.(?:netrc|pgpass)$|^\/etc\/(?:passwd|shadow|gshadow|sudoers|master\.passwd)$|(?:^|[\/\\])id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/;
const ENV_FILE =
  /(?:^|[\/\\])\.env(?:\.(?!(?:example|sample|template|dist|defaults|schema)(?:\.|$))[\w.-]+)?$/;

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}

/** Reports string literals that name credential or system files (`~/.ssh`, `/etc/shadow`, `.env`). */
export function scanSensitivePaths(ctx: ScanContext): void {
  let last = -1;
  for (const m of ctx.code.matchAll(SENSITIVE_MARKER)) {
    const span = ctx.stringContaining(m.index);
    if (span === undefined || span.start === last) continue;
    const text = ctx.code.slice(span.open, span.close);
    if (SENSITIVE_PATH.test(text)) {
      last = span.start;
      ctx.report(
        "env/sensitive-file",
        span.start,
        span.end,
        `Names a credentials file (${shorten(text)})`,
      );
    } else if (ENV_FILE.test(text)) {
      last = span.start;
      ctx.report(
        "env/sensitive-file",
        span.start,
        span.end,
        `Names a .env file (${shorten(text)})`,
        {
          severity: "warning",
          hint: "Read only the variables the code needs, passed in by whoever runs it",
        },
      );
    }
  }
}

const BLOB =
  /(?<![\w+\/=-])[\w+\/=-]{200,}|(?:\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{3})){40,}/g;

/** Reports long base64 or hex runs and long escape runs inside string literals. */
export function scanBlobs(ctx: ScanContext): void {
  for (const m of ctx.code.matchAll(BLOB)) {
    const span = ctx.stringContaining(m.index);
    if (span === undefined) continue;
    const blob = m[0];
    const start = m.index;
    const end = start + blob.length;
    if (blob.startsWith("\\")) {
      const count = blob.split("\\").length - 1;
      ctx.report("obfuscation/escape-run", start, end, `${count} escape sequences in a row`);
    } else if (/^[0-9a-fA-F]+$/.test(blob) && /[0-9]/.test(blob) && /[a-fA-F]/.test(blob)) {
      ctx.report("obfuscation/hex-blob", start, end, `A hex string of ${blob.length} characters`);
    } else if (/[A-Z]/.test(blob) && /[a-z]/.test(blob) && /[0-9+\/]/.test(blob)) {
      ctx.report(
        "obfuscation/base64-blob",
        start,
        end,
        `A base64 string of ${blob.length} characters`,
      );
    }
  }
}

const DASH_C = /(["'`])[-\/]c\1/g;
const SHELL_PROGRAM =
  /^(?:\/(?:usr\/)?(?:local\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|ash|fish)$|^(?:cmd|cmd\.exe|powershell|pwsh)$/i;
const BETWEEN_PROGRAM_AND_FLAG = /^\s*,\s*(?:\{\s*args\s*:\s*)?\[?\s*$/;

/** Reports `sh -c <command>` (and `cmd /c`) where the command is built or a variable. */
export function scanShellDashC(ctx: ScanContext): void {
  for (const m of ctx.code.matchAll(DASH_C)) {
    const index = ctx.indexOfString(m.index);
    const flag = ctx.strings[index];
    if (flag === undefined) continue;
    const program = ctx.strings[index - 1];
    if (program === undefined || flag.start - program.end > 80) continue;
    if (!BETWEEN_PROGRAM_AND_FLAG.test(ctx.mask.slice(program.end, flag.start))) continue;
    if (!SHELL_PROGRAM.test(ctx.text(program))) continue;
    const comma = ctx.skipSpace(flag.end);
    if (ctx.mask.charCodeAt(comma) !== 44) continue;
    const command = ctx.argFrom(ctx.skipSpace(comma + 1));
    const kind = ctx.classify(command);
    const shell = `${ctx.text(program)} ${ctx.text(flag)}`;
    if (kind === "interpolated") {
      ctx.report(
        "shell-injection/sh-c",
        program.start,
        command.end,
        `Runs \`${shell}\` with a command built from strings`,
      );
    } else if (kind === "dynamic") {
      ctx.report(
        "shell-injection/sh-c",
        program.start,
        command.end,
        `Runs \`${shell}\` with a command from a variable`,
        { severity: "warning" },
      );
    }
  }
}
