/**
 * The package as a user gets it: `npm pack` of the checkout (whose dist/ `npm run bench` has just
 * built), installed with `npm install --global --prefix` into a temporary directory. The figures
 * time that install's bin, started the way a shell starts it, beside the checkout's dist/cli.js.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A CLI the benchmark times: how to start it, and the script node runs for it. */
export type CliUnderTest = {
	/** "installed" or "checkout", for labels. */
	readonly name: string;
	/** The script node runs: the installed package's dist/cli.js, or the checkout's. */
	readonly script: string;
	/** The bin as npm linked it, started directly (its `#!/usr/bin/env node` finds node on PATH). */
	readonly bin?: string;
};

export function checkoutCli(root: string): CliUnderTest {
	return {name: 'checkout', script: path.join(root, 'dist', 'cli.js')};
}

export type InstalledPackage = CliUnderTest & {
	/** A directory outside the checkout: the working directory of every timed command, as a user's project is. */
	readonly workDirectory: string;
	/** The tarball's size and file count, as npm reported them. */
	readonly tarball: {readonly bytes: number; readonly unpackedBytes: number; readonly files: number};
	readonly remove: () => void;
};

type PackReport = Array<{filename: string; size: number; unpackedSize: number; entryCount: number}>;

export function installPackage(root: string): InstalledPackage {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-bench-install-'));
	const remove = () => rmSync(scratch, {recursive: true, force: true});
	try {
		// dist/ is fresh from `npm run bench`; --ignore-scripts packs it instead of building again.
		const report = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root)) as PackReport;
		const packed = report[0];
		if (!packed) {
			throw new Error('npm pack reported no tarball');
		}

		const prefix = path.join(scratch, 'prefix');
		npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', path.join(scratch, packed.filename)], scratch);
		return {
			name: 'installed',
			bin: path.join(prefix, 'bin', 'unblock'),
			script: path.join(prefix, 'lib', 'node_modules', 'unblock', 'dist', 'cli.js'),
			workDirectory: scratch,
			tarball: {bytes: packed.size, unpackedBytes: packed.unpackedSize, files: packed.entryCount},
			remove,
		};
	} catch (error) {
		remove();
		throw error;
	}
}

function npm(args: readonly string[], cwd: string): string {
	try {
		return execFileSync('npm', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	} catch (error) {
		const {stderr} = error as {stderr?: string};
		throw new Error(`npm ${args[0]} failed: ${stderr?.trim().split('\n').at(-1) ?? (error as Error).message}`, {cause: error});
	}
}
