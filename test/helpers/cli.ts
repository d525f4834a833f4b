import { main } from '../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the transit-warden CLI in process, as `transit-warden ...args`, with optional standard input. */
export async function runCli(args: string[], stdin = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'transit-warden', ...args], {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}
