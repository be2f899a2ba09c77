import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {packageRoot} from '../source/adapters/project-paths.js';
import {playbookJsonSchema} from '../source/core/playbook-schema.js';
import {vocabularyJsonSchema} from '../source/core/search/vocabulary-schema.js';

// Editors read these files through the `# yaml-language-server: $schema=` line of each playbook
// and vocabulary file.
for (const [name, schema] of [['playbook', playbookJsonSchema()], ['vocabulary', vocabularyJsonSchema()]] as const) {
	const target = path.join(packageRoot, 'schema', `${name}.schema.json`);
	mkdirSync(path.dirname(target), {recursive: true});
	writeFileSync(target, `${JSON.stringify(schema, null, '\t')}\n`);
}
