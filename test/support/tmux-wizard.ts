/**
 * The built binary in a real terminal: a tmux server of the test's own (on a socket in a directory
 * removed afterwards), one session a wizard, keys in with `send-keys`, the screen back with
 * `capture-pane`, as a person would see it.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cliPath} from './run-cli.js';
import {waitFor} from './docker-cli.js';

export type TmuxWizard = {
	/** The visible screen, trailing blank lines dropped. */
	screen(): string;
	/** Polls the screen until `predicate` holds; fails with the screen as it was. */
	waitForScreen(what: string, predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
	press(...keys: string[]): void;
	/** Pastes `text` as a terminal does: bracketed (ESC[200~ ... ESC[201~) when the program asked for that. */
	paste(text: string): void;
	/** Ends the tmux server and removes its directory. */
	close(): void;
};

/** The footer with the keys that work: the last block of lines, joined when it wraps. */
export function footer(text: string): string {
	// The footer is the last block of lines (it wraps onto a second line in a narrow terminal).
	const lines = text.split('\n');
	while (lines.length > 0 && lines.at(-1)!.trim() === '') {
		lines.pop();
	}

	const start = lines.findLastIndex(line => line.trim() === '') + 1;
	return lines.slice(Math.max(start, lines.length - 3)).map(line => line.trim()).join(' ');
}

/** Starts `unblock <args>` in a `columns`x`rows` tmux session, as a person's terminal (no CI in its environment). */
export function startTmuxWizard(options: {session: string; args: readonly string[]; cwd: string; columns?: number; rows?: number}): TmuxWizard {
	if (!existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
	}

	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-e2e-tmux-'));
	const socket = path.join(directory, 'tmux.sock');
	const tmux = (args: readonly string[]): string => {
		const result = spawnSync('tmux', ['-S', socket, ...args], {encoding: 'utf8', timeout: 15_000});
		if (result.status !== 0) {
			throw new Error(`tmux ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
		}

		return result.stdout;
	};

	tmux([
		'new-session', '-d', '-s', options.session, '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40), '-c', options.cwd,
		`env -u CI '${process.execPath}' '${cliPath}' ${options.args.join(' ')}; echo "[unblock exited $?]"; sleep 600`,
	]);
	const screen = () => tmux(['capture-pane', '-p', '-t', options.session]).trimEnd();
	return {
		screen,
		async waitForScreen(what, predicate, timeoutMs = 60_000) {
			let text = '';
			const ok = await waitFor(() => {
				text = screen();
				return predicate(text);
			}, timeoutMs, 250);
			if (!ok) {
				throw new Error(`the screen never showed ${what}; it shows:\n${text}`);
			}

			// A new screen subscribes to keys just after it is drawn; a person is never faster than this.
			// The screen that matched is returned: a live screen may have moved on meanwhile.
			await new Promise(resolve => setTimeout(resolve, 300));
			return text;
		},
		press(...keys) {
			tmux(['send-keys', '-t', options.session, ...keys]);
		},
		paste(text) {
			const file = path.join(directory, 'paste.txt');
			writeFileSync(file, text);
			tmux(['load-buffer', '-b', 'paste', file]);
			tmux(['paste-buffer', '-p', '-d', '-b', 'paste', '-t', options.session]);
		},
		close() {
			spawnSync('tmux', ['-S', socket, 'kill-server'], {stdio: 'ignore'});
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
