/**
 * A second writer in its own process, for the knowledge-writer tests:
 *   node child.mjs <file> <title> <append|crash> <go-file>
 * It waits until <go-file> exists, so several children start writing at the same moment.
 */
import {existsSync} from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';
import {updateFileAtomically} from '../../source/adapters/knowledge-writer.js';
import {placeEntry} from '../../source/core/knowledge/entry-placement.js';
import {formatIncidentEntry} from '../../source/core/knowledge/incident-entry.js';

const [file, title, mode, goFile] = process.argv.slice(2) as [string, string, 'append' | 'crash', string];

while (!existsSync(goFile)) {
	await delay(5);
}

await updateFileAtomically(file, current => placeEntry(current, 'resolved', level => formatIncidentEntry({
	title,
	date: '2026-02-06',
	symptoms: [`${title} broke`],
	evidence: [],
	tried: [],
	worked: [],
	resolution: 'Fixed it.',
	tradeoffs: [],
	lessons: [],
	status: 'resolved',
}, {headingLevel: level})).text, {
	beforeReplace: async () => {
		if (mode === 'crash') {
			process.kill(process.pid, 'SIGKILL');
		}

		// Hold the lock a moment so the other writers really have to wait for it.
		await delay(50);
	},
});
