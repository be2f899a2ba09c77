/**
 * The program a container could not be started with, looked for in its file system: runc's "exec:
 * \"start.sh\": executable file not found in $PATH" is the same for a program that is not in the
 * image and for a script that is there without its execute bit, and the fixes differ. The engine
 * answers `HEAD /containers/{id}/archive?path=` with the file's stat even for a container that
 * never started; a few requests, only for containers whose start failed that way.
 */
import type {ProgramLookup} from '../core/snapshot.js';
import {statInContainer} from './container-path-stat.js';
import type {EngineConnection} from './docker-client.js';
import type {InspectAnswer} from './engine-answers.js';

/** runc and crun word it differently; the name has no slash (a path is not looked up in PATH). */
const notInPath = /exec: \\?"([^"\\/\s]{1,255})\\?": executable file not found in \$PATH|executable file `([^`/\s]{1,255})` not found in \$PATH/;
/** What runc looks in when the container sets no PATH. */
const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const maximumFolders = 12;
/** Go's os.FileMode type bits: directory, symlink, and the rest that are not a regular file. */
const notRegularFile = 0x8000_0000 | 0x0800_0000 | 0x0400_0000 | 0x0200_0000 | 0x0100_0000 | 0x0080_0000 | 0x0008_0000;

/** The program the start error says PATH lacks, when that is what it says. Pure. */
export function programNotInPath(error: string | undefined): string | undefined {
	const match = notInPath.exec(error ?? '');
	return match?.[1] ?? match?.[2];
}

/** The container's PATH folders, as runc searches them: absolute ones only. Pure. */
export function pathFolders(inspect: InspectAnswer): string[] {
	const path = (inspect.Config?.Env ?? []).findLast(entry => entry.startsWith('PATH='))?.slice(5) ?? defaultPath;
	return [...new Set(path.split(':').filter(folder => /^\/[^\0\n]{0,255}$/.test(folder)).map(folder => folder.replace(/(?<=.)\/+$/, '')))].slice(0, maximumFolders);
}

/**
 * Where the missing program is, when the start error is that one: undefined when it is not, or
 * when the engine did not answer every question (then nothing can be said about the others).
 */
export async function lookUpProgram(connection: EngineConnection, inspect: InspectAnswer, timeoutMs: number): Promise<ProgramLookup | undefined> {
	const name = programNotInPath(inspect.State?.Error);
	if (!name || !inspect.Id) {
		return undefined;
	}

	const searched = pathFolders(inspect);
	try {
		const stats = await Promise.all(searched.map(async folder => statInContainer(connection, inspect.Id!, `${folder === '/' ? '' : folder}/${name}`, timeoutMs)));
		for (const [index, stat] of stats.entries()) {
			const path = `${searched[index] === '/' ? '' : searched[index]}/${name}`;
			// A link is followed once, as the kernel would (its target's mode is what counts).
			const target = stat?.linkTarget ? await statInContainer(connection, inspect.Id, resolveLink(path, stat.linkTarget), timeoutMs) : stat;
			if (target?.mode !== undefined && (target.mode & notRegularFile) === 0) {
				return {name, searched, found: {path, mode: (target.mode & 0o7777).toString(8).padStart(3, '0')}};
			}
		}
	} catch {
		return undefined;
	}

	return {name, searched};
}

function resolveLink(path: string, target: string): string {
	return target.startsWith('/') ? target : `${path.slice(0, path.lastIndexOf('/'))}/${target}`;
}
