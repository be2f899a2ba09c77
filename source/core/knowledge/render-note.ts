import type {Note, NoteStatus} from '../note.js';

/** The playbook a note links to, as the renderer needs it. */
export type LinkedPlaybook = {readonly id: string; readonly title: string};

export type RenderNoteOptions = {
	readonly playbook?: LinkedPlaybook;
	/** Wrap prose to this many columns; code and error text are never wrapped. */
	readonly width?: number;
};

const statusWords: Record<NoteStatus, string> = {
	open: 'open',
	resolved: 'resolved',
	workaround: 'worked around',
	unknown: 'status unknown',
};

/** A note as plain terminal text: title, where it came from, then each field under its name. */
export function renderNote(note: Note, options: RenderNoteOptions = {}): string {
	const width = Math.max(40, options.width ?? 100);
	const out: string[] = [note.title, [`${note.file}:${note.line}`, statusWords[note.status], note.date].filter(Boolean).join(' · ')];

	const section = (name: string, text: string | undefined, code = false) => {
		if (!text?.trim()) {
			return;
		}

		out.push('', name, ...indent(code ? text : wrap(text, width - 2)));
	};

	const list = (name: string, items: readonly string[]) => {
		section(name, items.map(item => `- ${item}`).join('\n'));
	};

	section('Problem', note.problem);
	for (const [index, error] of note.errors.entries()) {
		section(note.errors.length > 1 ? `Error ${index + 1}` : 'Error', error, true);
	}

	section('Root cause', note.rootCause);
	list('Tried, did not work', note.attempted);
	section(note.status === 'workaround' ? 'Workaround' : 'Resolution', note.resolution);
	list('Trade-offs', note.tradeoffs);
	list('Lessons learned', note.lessons);

	if (options.playbook) {
		out.push('', `Playbook for this cause: ${options.playbook.title} (${options.playbook.id}, cause ${note.cause ?? 'unknown'})`);
	} else if (note.cause) {
		out.push('', `Cause: ${note.cause}`);
	}

	return `${out.join('\n')}\n`;
}

/** One line for a playbook's page: "seen before in docs/BLOCKERS.md, Day 2: resolved by …". */
export function describeSeenBefore(note: Note): string {
	const where = note.date ? `${note.file}, ${note.date}` : note.file;
	const how = firstLine(note.resolution);
	switch (note.status) {
		case 'resolved': {
			return `seen before in ${where}: ${how ? `resolved by "${how}"` : 'resolved'}`;
		}

		case 'workaround': {
			return `seen before in ${where}: ${how ? `worked around by "${how.replace(/^workaround:\s*/i, '')}"` : 'worked around'}`;
		}

		default: {
			return `seen before in ${where}: still ${statusWords[note.status]}`;
		}
	}
}

function firstLine(text: string | undefined): string {
	const line = (text ?? '')
		.split('\n')
		.map(candidate => candidate.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
		.find(candidate => candidate !== '' && !/^workaround:?$/i.test(candidate)) ?? '';
	const sentence = (/^.{20,}?[.!?](?=\s)/.exec(line)?.[0] ?? line).replace(/[:.]$/, '');
	return sentence.length > 100 ? `${sentence.slice(0, 99).trimEnd()}…` : sentence;
}

function indent(lines: readonly string[] | string): string[] {
	const all = typeof lines === 'string' ? lines.split('\n') : lines;
	return all.map(line => (line ? `  ${line}` : ''));
}

/** Wraps prose lines at word boundaries; indented (code) lines and list continuations keep their shape. */
function wrap(text: string, width: number): string[] {
	const out: string[] = [];
	for (const line of text.split('\n')) {
		if (line.length <= width || line.startsWith('    ')) {
			out.push(line);
			continue;
		}

		const hanging = /^(\s*(?:[-*+]|\d+[.)])\s+)/.exec(line)?.[1]?.replace(/\S/g, ' ') ?? '';
		let current = '';
		for (const word of line.split(' ')) {
			if (current && `${current} ${word}`.length > width) {
				out.push(current);
				current = `${hanging}${word}`;
			} else {
				current = current ? `${current} ${word}` : word;
			}
		}

		out.push(current);
	}

	return out;
}
