import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {parsePlaybookText} from '../adapters/playbook-loader.js';
import {textHash, writePlaybookCache} from '../adapters/playbook-cache.js';
import {shippedPlaybooksDirectory} from '../adapters/project-paths.js';

// Part of `npm run build`: parse and validate the shipped playbooks once, so start-up need not.
const entries = readdirSync(shippedPlaybooksDirectory)
	.filter(name => /\.ya?ml$/i.test(name))
	.flatMap(name => {
		const file = path.join(shippedPlaybooksDirectory, name);
		const text = readFileSync(file, 'utf8');
		const {playbook} = parsePlaybookText(text, {file, shown: name, source: 'shipped'});
		if (!playbook) {
			return [];
		}

		const {origin: _origin, ...data} = playbook;
		return [{hash: textHash(text), data}];
	});

writePlaybookCache(entries);
