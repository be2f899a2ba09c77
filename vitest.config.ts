import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';
import {buildIdentity} from './scripts/build-identity.mjs';

export default defineConfig({
	// The identity `npm run build` gives the bundle: code run from source trusts dist/'s caches only
	// when dist/ was built from this very source.
	define: {__UNBLOCK_BUILD__: JSON.stringify(buildIdentity(fileURLToPath(new URL('.', import.meta.url))))},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/support/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Two cores here and in CI: real-engine suites contend for the same daemon.
		maxWorkers: 2,
	},
});
