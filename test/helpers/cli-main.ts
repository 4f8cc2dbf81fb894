// The command line from the TypeScript sources, for tests that spawn it as a user would (signals,
// a killed browser) without depending on a compiled lib/. Does what bin/guidepress.js does.
import { ExitCode } from '../../src/errors.js';
import { main } from '../../src/cli.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
if (code === ExitCode.interrupted || code === ExitCode.environment) process.exit(code);
