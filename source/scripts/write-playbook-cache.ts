import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {parsePlaybookText} from '../adapters/playbook-file-parser.js';
import {writePlaybookCache} from '../adapters/playbook-cache.js';
import {shippedPlaybooksDirectory} from '../adapters/project-paths.js';
import {playbookSearchData} from '../core/search/search-documents.js';

// Part of `npm run build`: parse and validate the shipped playbooks once, so start-up need not.
const entries = readdirSync(shippedPlaybooksDirectory)
	.filter(name => /\.ya?ml$/i.test(name))
	.flatMap(fileName => {
		const file = path.join(shippedPlaybooksDirectory, fileName);
		const {size, mtimeMs} = statSync(file);
		const {playbook} = parsePlaybookText(readFileSync(file, 'utf8'), {file, shown: fileName, source: 'shipped'});
		if (!playbook) {
			return [];
		}

		const {origin: _origin, ...data} = playbook;
		return [{fileName, size, mtimeMs, data, search: playbookSearchData(playbook)}];
	});

writePlaybookCache(entries);
