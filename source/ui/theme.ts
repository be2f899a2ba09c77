/**
 * Semantic colours: screens say what a thing is (an error, a command), never which colour it
 * has. With NO_COLOR set every token is undefined and Ink prints plain text.
 */
const palette = {
	error: 'red',
	warning: 'yellow',
	success: 'green',
	accent: 'cyan',
	muted: 'gray',
	command: 'magenta',
	highlight: 'yellowBright',
} as const;

export type ColorToken = keyof typeof palette;

export function color(token: ColorToken): string | undefined {
	return process.env.NO_COLOR === undefined ? palette[token] : undefined;
}
