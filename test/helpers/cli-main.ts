// The command line from the TypeScript sources, for tests that spawn it as a user would (signals,
// a killed browser) without depending on a compiled lib/.
import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
