import {dialStream, type EngineConnection} from './docker-client.js';

/** What the engine says of a path in a container: Go's os.FileMode bits, and a link's target. */
export type PathStat = {readonly name?: string; readonly mode?: number; readonly linkTarget?: string};

/** The stat the engine gives of a path in the container; undefined when there is nothing there. Rejects when it cannot tell. */
export async function statInContainer(connection: EngineConnection, id: string, path: string, timeoutMs: number): Promise<PathStat | undefined> {
	return connection.request({timeoutMs}, async (docker, abortSignal) => {
		const answer = await dialStream(docker, {method: 'HEAD', path: `/containers/${encodeURIComponent(id)}/archive`, query: {path}, abortSignal, statusCodes: {200: true, 404: true, 400: 'bad parameter', 500: 'server error'}});
		// A HEAD answer has no body: reading it to its end hands the connection back to the pool.
		answer.resume();
		if (answer.statusCode === 404) {
			return undefined;
		}

		const header = answer.headers['x-docker-container-path-stat'];
		const stat = JSON.parse(Buffer.from(typeof header === 'string' ? header : '', 'base64').toString('utf8')) as unknown;
		if (stat === null || typeof stat !== 'object' || typeof (stat as PathStat).mode !== 'number') {
			throw new Error('the engine gave no stat of the path');
		}

		return stat as PathStat;
	});
}
