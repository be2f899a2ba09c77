// The licences of the libraries esbuild put into the bundle (from its metafile): they ship inside
// dist/ rather than as installed packages, so their notices ship in one file beside them.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

const packageDirectory = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;
const licenceFile = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

export function writeThirdPartyLicenses(root, metafile, target) {
	const directories = new Set();
	for (const input of Object.keys(metafile.inputs)) {
		const match = packageDirectory.exec(input.replaceAll('\\', '/'));
		if (match) {
			directories.add(match[1]);
		}
	}

	// The same version nested in two places is one section.
	const sections = [...new Set([...directories].map(directory => licenceSection(path.join(root, directory))))].sort();
	writeFileSync(target, `unblock's bundle (dist/) contains these libraries; their licences follow.\n\n${sections.join('\n')}`);
}

function licenceSection(directory) {
	const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
	const files = readdirSync(directory).filter(name => licenceFile.test(name)).sort();
	const texts = files.map(name => readFileSync(path.join(directory, name), 'utf8').trim());
	const licence = typeof manifest.license === 'string' ? manifest.license : 'see its package';
	const body = texts.length > 0 ? texts.join('\n\n') : `${licence}; no licence file in the package.${manifest.author ? ` Author: ${typeof manifest.author === 'string' ? manifest.author : manifest.author.name}.` : ''}`;
	return `== ${manifest.name} ${manifest.version} (${licence}) ==\n\n${body}\n`;
}
