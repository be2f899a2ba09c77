import {cleanUntrustedText} from '../core/clean-untrusted-text.js';
import {connectToEngine} from './docker-client.js';
import type {EngineChoice} from './engine-endpoint.js';

const projectLabel = 'com.docker.compose.project';

/**
 * The compose projects the engine holds containers of, sorted: what to name when --project
 * matches none. One list call, no inspect; undefined when the engine cannot say.
 */
export async function listComposeProjects(choice: EngineChoice, environment: Readonly<Record<string, string | undefined>>): Promise<string[] | undefined> {
	let connection;
	try {
		connection = connectToEngine(choice, environment);
		const summaries = await connection.request({timeoutMs: 8000}, async (docker, abortSignal) => docker.listContainers({all: true, filters: {label: [projectLabel]}, abortSignal}));
		const names = summaries.flatMap(summary => summary.Labels?.[projectLabel] ?? []);
		return [...new Set(names.map(name => cleanUntrustedText(name, {maximumLineLength: 200})))].sort();
	} catch {
		return undefined;
	} finally {
		connection?.close();
	}
}
