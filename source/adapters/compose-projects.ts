import {cleanUntrustedText} from '../core/clean-untrusted-text.js';
import {connectToEngine} from './docker-engine.js';

const projectLabel = 'com.docker.compose.project';

/**
 * The compose projects the engine holds containers of, sorted: what to name when --project
 * matches none. One list call, no inspect; undefined when the engine cannot say.
 */
export async function listComposeProjects(options: {readonly host?: string; readonly environment: Readonly<Record<string, string | undefined>>}): Promise<string[] | undefined> {
	let connection;
	try {
		connection = connectToEngine(options.host, options.environment);
		const summaries = await connection.docker.listContainers([projectLabel], {timeoutMs: 8000});
		const names = summaries.flatMap(summary => summary.Labels?.[projectLabel] ?? []);
		return [...new Set(names.map(name => cleanUntrustedText(name, {maximumLineLength: 200})))].sort();
	} catch {
		return undefined;
	} finally {
		connection?.docker.close();
	}
}
