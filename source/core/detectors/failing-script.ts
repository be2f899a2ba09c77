/**
 * The script a container fails to start, and where it comes from on the host: what the CRLF and
 * missing-shell playbooks ask about. The engine's own words name it ("exec /entry.sh: no such file
 * or directory"); else the entrypoint or command names a script by its path.
 */
import type {ContainerSnapshot} from '../snapshot.js';
import {importantLogLines} from './important-log-lines.js';

/** runc's answer when the file, or the interpreter its first line names, does not exist. */
const execFailure = /\bexec (\/[^\s:"']{1,255}): (no such file or directory|exec format error|permission denied)/;

/** The file runc could not execute, and why, when the line is that error. */
export function execFailureOf(line: string): {readonly path: string; readonly reason: string} | undefined {
	const match = execFailure.exec(line);
	return match ? {path: match[1]!, reason: match[2]!} : undefined;
}
/** A shell's complaint about a script it runs: "/app/start.sh: line 2: $'\r': command not found". */
const scriptComplaint = /(?:^|\s)(\/[^\s:"']{1,255}\.(?:sh|bash)): line \d+:/;
const scriptPath = /^\/[^\s:"']{1,255}\.(?:sh|bash)$/;

export function failingScript(container: ContainerSnapshot): string | undefined {
	const {errors, last} = importantLogLines(container);
	for (const line of [container.error ?? '', ...errors, ...last]) {
		const named = execFailureOf(line)?.path ?? scriptComplaint.exec(line)?.[1];
		if (named) {
			return named;
		}
	}

	// Found in PATH without its execute bit: the engine named it without its folder.
	return container.program?.found?.path ?? [...container.entrypoint, ...container.command].find(argument => scriptPath.test(argument));
}

/** Where that path is on the host, when a bind mount puts it (or a folder above it) there: the deepest mount wins. */
export function scriptOnHost(container: ContainerSnapshot, script: string): string | undefined {
	const withoutSlash = (folder: string) => folder.replace(/\/$/, '');
	const mount = container.mounts
		.filter(candidate => candidate.type === 'bind' && `${script}/`.startsWith(`${withoutSlash(candidate.destination)}/`))
		.sort((left, right) => right.destination.length - left.destination.length)[0];
	return mount && `${withoutSlash(mount.source)}${script.slice(withoutSlash(mount.destination).length)}`;
}
