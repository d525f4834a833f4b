import packageJson from '../package.json';

// The audit record carries it so a reviewer knows which build made a change.
export const VERSION: string = packageJson.version;
