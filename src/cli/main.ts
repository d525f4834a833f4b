import { Command, CommanderError, Option } from 'commander';
import { describeError, isWardenError, WardenError } from '../errors';
import { VERSION } from '../version';
import { SWEEP_SOURCES, type SweepSourceSetting } from '../config';
import { CHECK_INPUTS, runCheck, type CheckOptions, type OutputFormat } from './check-command';
import { runControls } from './controls-command';
import { OUTCOMES } from '../audit/record';
import type { AuditCliOptions } from './audit-command';
import type { SandboxCliOptions } from './sandbox-command';
import type { UndoCliOptions } from './undo-command';
import type { VerifyCliOptions } from './verify-command';
import { processIo, type CliIo } from './io';

// The commands that talk to Azure, the audit store or the ARM emulator (the CLI, unlike functions/,
// may load it) are imported when run: their SDK and emulator modules took ~150 ms of every `check`
// or `controls`. The `.js` suffix is what Node's import() needs in the compiled CommonJS build;
// TypeScript and vitest map it to the .ts source.
const commands = {
  audit: () => import('./audit-command.js'),
  demo: () => import('./demo-command.js'),
  sandbox: () => import('./sandbox-command.js'),
  scan: () => import('./scan-command.js'),
  undo: () => import('./undo-command.js'),
  verify: () => import('./verify-command.js'),
};

/**
 * The `transit-warden` command. Returns the exit status instead of exiting, so tests call it in
 * process. Exit codes: 0 ok / all compliant, 1 noncompliant findings, 2 bad input or usage.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const formatOption = (fallback: OutputFormat) => new Option('--format <format>', 'output format').choices(['table', 'json']).default(fallback);
  const program = new Command()
    .name('transit-warden')
    .description('Keeps Azure resources encrypting data in transit: evaluate, fix minimally, audit.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError()
    // So `audit verify --audit-file F` gives F to verify, not to `audit` (which has the same option).
    .enablePositionalOptions();

  program
    .command('check')
    .description('evaluate ARM resource JSON (one object, an array, {value:[…]} or {data:[…]}), an ARM deployment template (incl. `bicep build` output) or a Terraform plan (`terraform show -json`) offline; nothing is read from or written to Azure')
    .argument('[file]', 'JSON file, or - for standard input', '-')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sarif']).default('table'))
    .addOption(new Option('--input <kind>', 'what the file holds (default: detected from its shape)').choices([...CHECK_INPUTS]).default('auto'))
    .option('--parameters <file>', 'deployment parameters file for a template (values override the template\'s defaults)')
    .action(async (file: string, opts: CheckOptions) => {
      exitCode = await runCheck(file, opts, io);
    });

  program
    .command('controls')
    .description('list the control catalog')
    .addOption(formatOption('table'))
    .action((opts: { format: OutputFormat }) => {
      exitCode = runControls(opts.format, io);
    });

  program
    .command('sandbox')
    .description('run the real engine and SDK clients against the built-in ARM emulator, loaded with an estate file')
    .requiredOption('--estate <file>', 'JSON array of ARM objects exactly as GET returns them')
    .option('--events <file>', 'JSON array of Event Grid events (Event Grid schema or CloudEvents 1.0) to push through the event handler')
    .option('--sweep', 'evaluate every supported resource in the estate', false)
    .addOption(new Option('--mode <mode>', 'global mode').choices(['enforce', 'dry-run']).default('dry-run'))
    .option('--audit-file <file>', 'append audit records to this JSONL file (default: keep them in memory)')
    .option('--out <file>', 'write the final estate to this file')
    .addOption(formatOption('table'))
    .action(async (opts: SandboxCliOptions) => {
      exitCode = await (await commands.sandbox()).runSandbox(opts, io);
    });

  program
    .command('scan')
    .description('sweep real Azure with your own credentials (DefaultAzureCredential); dry-run unless --mode enforce')
    .option('--subscription <id...>', 'subscription id(s) to scan')
    .option('--management-group <id...>', 'management group(s) whose subscriptions, at any depth, to scan: the name or /providers/Microsoft.Management/managementGroups/{name} (resolved through Resource Graph)')
    .addOption(new Option('--mode <mode>', 'global mode').choices(['enforce', 'dry-run']).default('dry-run'))
    .option('--audit-file <file>', 'append audit records to this JSONL file (default: in memory)')
    .addOption(new Option('--source <source>', 'where candidates come from: Resource Graph, ARM list calls, or Graph then list calls').choices([...SWEEP_SOURCES]).default('auto'))
    .addOption(formatOption('table'))
    .action(async (opts: { subscription?: string[]; managementGroup?: string[]; mode: 'enforce' | 'dry-run'; auditFile?: string; format: OutputFormat; source: SweepSourceSetting }) => {
      exitCode = await (await commands.scan()).runScan(opts, io);
    });

  const audit = program
    .command('audit')
    .enablePositionalOptions()
    .description('list, filter and export audit records (a JSONL file or the deployed table); `audit verify` checks the log\'s integrity')
    .option('--audit-file <file>', 'JSONL audit file')
    .option('--table-url <url>', 'audit table URL, read with your Azure credentials')
    .option('--resource <text>', 'resource id contains this text (case-insensitive)')
    .option('--resource-id <id>', 'exactly this resource id')
    .option('--control <id>', 'control id')
    .addOption(new Option('--outcome <outcome>', 'outcome').choices([...OUTCOMES]))
    .option('--since <time>', 'from this ISO date or date-time (inclusive)')
    .option('--until <time>', 'before this ISO date or date-time')
    .option('--limit <n>', 'only the newest N records')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--summary', 'counts by control and outcome instead of records', false)
    .option('--html <file>', 'write the self-contained review page to this file')
    .action(async (opts: AuditCliOptions) => {
      exitCode = await (await commands.audit()).runAudit(opts, io);
    });

  audit
    .command('verify')
    .description('check every record\'s seal and every resource\'s chain: exit 0 intact, 1 something edited, deleted or inserted, 2 bad input (set TRANSIT_WARDEN_AUDIT_KEY to check keyed seals)')
    .option('--audit-file <file>', 'JSONL audit file')
    .option('--table-url <url>', 'audit table URL, read with your Azure credentials (reads the whole table)')
    .addOption(formatOption('table'))
    .action(async (opts: VerifyCliOptions) => {
      // Store options given before `verify` (`audit --audit-file F verify`) count too; filters do not apply.
      const parent = audit.opts<AuditCliOptions>();
      const filters = (['resource', 'resourceId', 'control', 'outcome', 'since', 'until', 'limit', 'html'] as const).filter((name) => parent[name] !== undefined);
      if (filters.length > 0 || parent.summary) {
        const flags = [...filters, ...(parent.summary ? ['summary'] : [])].map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
        throw new WardenError('INVALID_INPUT', `audit verify checks the whole log: ${flags.join(', ')} does not apply`);
      }
      exitCode = await (await commands.verify()).runAuditVerify({ auditFile: parent.auditFile, tableUrl: parent.tableUrl, ...definedOnly(opts) }, io);
    });

  program
    .command('undo')
    .description('restore the before-values of one fix (only if the resource still holds what the fix wrote)')
    .argument('<recordId>', 'id of a fixed audit record')
    .option('--audit-file <file>', 'JSONL audit file')
    .option('--table-url <url>', 'audit table URL, read with your Azure credentials')
    .option('--estate <file>', 'undo inside the ARM emulator loaded with this estate instead of real Azure')
    .option('--out <file>', 'with --estate: write the estate after the undo')
    .action(async (recordId: string, opts: UndoCliOptions) => {
      exitCode = await (await commands.undo()).runUndo(recordId, opts, io);
    });

  program
    .command('demo')
    .description('the npm start demo: a seeded non-compliant estate, fixed in enforce mode inside the ARM emulator')
    .action(async () => {
      exitCode = await (await commands.demo()).runDemo(io);
    });

  try {
    await program.parseAsync(argv.slice(2), { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (isWardenError(err)) {
      io.stderr(`transit-warden: ${err.message} [${err.code}]\n`);
      return 2;
    }
    io.stderr(`transit-warden: unexpected error: ${describeError(err)}\n`);
    return 2;
  }
}

/** The options actually given (commander leaves the others undefined), so they do not mask the parent's. */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

