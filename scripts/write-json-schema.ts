import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {packageRoot} from '../source/adapters/project-paths.js';
import {playbookJsonSchema} from '../source/core/playbook-schema.js';

// Editors read this file through the `# yaml-language-server: $schema=` line of each playbook.
const target = path.join(packageRoot, 'schema', 'playbook.schema.json');
mkdirSync(path.dirname(target), {recursive: true});
writeFileSync(target, `${JSON.stringify(playbookJsonSchema(), null, '\t')}\n`);
