import {neutralizeTerminalText} from './neutralize-terminal-text.js';
import type {PlaybookOrigin} from './playbook-schema.js';

/**
 * Where a playbook that did not ship with unblock came from, said wherever its commands are
 * shown; undefined for a shipped one. The file name is the team's text, so it is neutralised.
 */
export function describePlaybookOrigin(origin: PlaybookOrigin): string | undefined {
	if (origin.source === 'shipped') {
		return undefined;
	}

	return `from ${origin.source === 'team' ? 'your team' : 'a --playbooks directory'}: ${neutralizeTerminalText(origin.file).replaceAll('\n', ' ')}`;
}
