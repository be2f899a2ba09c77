/**
 * What a credential shape is (credential-shapes.ts lists them), and what the shapes' files share:
 * the marker that replaces a secret, and examples generated so that no real-looking token is
 * written out in the source.
 */
export const redactedMarker = '[redacted]';

export type CredentialExample = {
	/** A line as a log, an environment dump or a command would show it. */
	readonly text: string;
	/** What must be gone once the line is redacted. */
	readonly secret: string;
	/** The whole line after redaction, where its form is settled. */
	readonly redacted?: string;
};

export type CredentialExamples = readonly [CredentialExample, ...CredentialExample[]];

export type CredentialShape = {
	/** Kebab-case, names the rule in tests. */
	readonly name: string;
	/** Literals the shape cannot match without (any one of them); a line with none skips the rule. */
	readonly cues: readonly string[];
	/** Cues are looked for in any letter case. */
	readonly anyCaseCues?: boolean;
	/** Each cue, where the shape matches, comes right after a word boundary: it is searched for faster. */
	readonly cuesAtWordBoundary?: boolean;
	/** Every credential of this shape in the text replaced; anything else unchanged. */
	readonly redact: (text: string) => string;
	/** The shapes' files make these in a getter: generated when the tests read them, not as redaction loads. */
	readonly redacts: CredentialExamples;
	/** Text that looks like this shape and is not a credential. */
	readonly keeps?: readonly string[];
};

export type Replacer = (match: string, ...groups: Array<string | undefined>) => string;

export function replacing(pattern: RegExp, replacement: string | Replacer): (text: string) => string {
	return text => text.replace(pattern, replacement as Replacer);
}

/** A base64 body of the given length, from a fixed sequence, so examples read alike on every run. */
export function sample(length: number, seed: string, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
	// Examples are generated, not written out: a literal token in the source would set off secret
	// scanners (GitHub push protection) on this repository and on every project that vendors it.
	let state = [...seed].reduce((hash, character) => Math.imul(hash ^ character.codePointAt(0)!, 16_777_619) >>> 0, 2_166_136_261);
	let text = '';
	for (let index = 0; index < length; index++) {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		text += alphabet[(state >>> 8) % alphabet.length];
	}

	return text;
}

export const upperBase32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const digits = '0123456789';

export const githubToken = `ghp_${sample(36, 'github')}`;
export const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${sample(40, 'jwt-claims')}.${sample(43, 'jwt-signature', `${letters}${digits}-_`)}`;
