import type {ContainerSnapshot, LogLine} from '../snapshot.js';
import {noLines} from './important-log-lines.js';

/**
 * The failure a running container's log keeps repeating since it last started, by a parser that
 * recognises one kind of failure: at least three times, over at least 15 s, the last time recently,
 * and nothing after the last one that says it recovered. A client retrying while its database
 * starts, or one that failed a while ago and has been quiet since, is fine.
 */
export type RepeatedFailure<Failure> = {
	readonly failure: Failure;
	readonly count: number;
	/** The last line with it, trimmed. */
	readonly line: string;
	/** Epoch seconds of the first and last time, where the log has timestamps. */
	readonly first?: number;
	readonly last?: number;
};

export type FailureParser<Failure> = {
	readonly parse: (text: string) => Failure | undefined;
	/** Failures with one key are the same one repeated. */
	readonly key: (failure: Failure) => string;
	/** A line after the last failure that says it works again. */
	readonly recovers: (text: string) => boolean;
};

const minimumRepeats = 3;
/** From the first failure to the last: a client retrying while its database starts takes less. */
const minimumSpanSeconds = 15;
/** The failure must still be happening: its last time no longer ago than this, or three of its intervals. */
const stillFailingSeconds = 60;

export function repeatedLogFailure<Failure>(container: ContainerSnapshot, takenAt: string, parser: FailureParser<Failure>): RepeatedFailure<Failure> | undefined {
	const best = mostRepeated(container, parser);
	if (!best) {
		return undefined;
	}

	const [first, last] = [best.times[0], best.times.at(-1)];
	if (first !== undefined && last !== undefined && best.times.length === best.count) {
		const now = Date.parse(takenAt) / 1000;
		const gaps = best.times.slice(1).map((time, index) => time - best.times[index]!).sort((left, right) => left - right);
		const typicalGap = gaps[Math.floor(gaps.length / 2)] ?? 0;
		if (last - first < minimumSpanSeconds || now - last > Math.max(stillFailingSeconds, 3 * typicalGap)) {
			return undefined;
		}
	}

	return {failure: best.failure, count: best.count, line: best.line, ...(first === undefined ? {} : {first}), ...(last === undefined ? {} : {last})};
}

type Repeats<Failure> = {readonly failure: Failure; readonly times: readonly number[]; readonly count: number; readonly line: string};

/**
 * What each parser made of each log since the container's start, which does not depend on the
 * time of the scan: a rescan hands back the containers it did not rebuild, with the same lines,
 * and parsing them all again was most of a quiet rescan's detector time.
 */
const repeatsByLog = new WeakMap<readonly LogLine[], Map<FailureParser<unknown>, {readonly started: number; readonly repeats: Repeats<unknown> | undefined}>>();

/** The failure repeated most (the latest on a tie), at least three times and with no recovery after it. */
function mostRepeated<Failure>(container: ContainerSnapshot, parser: FailureParser<Failure>): Repeats<Failure> | undefined {
	const started = Date.parse(container.startedAt ?? '');
	const allLines = container.logs?.lines ?? noLines;
	let byParser = repeatsByLog.get(allLines);
	if (!byParser) {
		byParser = new Map();
		repeatsByLog.set(allLines, byParser);
	}

	const known = byParser.get(parser as FailureParser<unknown>);
	if (known && Object.is(known.started, started)) {
		return known.repeats as Repeats<Failure> | undefined;
	}

	const repeats = countRepeats(linesSinceStart(allLines, started), parser);
	byParser.set(parser as FailureParser<unknown>, {started, repeats});
	return repeats;
}

/** The lines of each log since the container's start, shared by the parsers: a timestamp parsed once a line. */
const sinceStartByLog = new WeakMap<readonly LogLine[], {readonly started: number; readonly lines: readonly LogLine[]}>();

function linesSinceStart(allLines: readonly LogLine[], started: number): readonly LogLine[] {
	const known = sinceStartByLog.get(allLines);
	if (known && Object.is(known.started, started)) {
		return known.lines;
	}

	const lines = allLines.filter(line => !Number.isFinite(started) || !line.timestamp || Date.parse(line.timestamp) >= started - 1000);
	sinceStartByLog.set(allLines, {started, lines});
	return lines;
}

function countRepeats<Failure>(lines: readonly LogLine[], parser: FailureParser<Failure>): Repeats<Failure> | undefined {
	const groups = new Map<string, {failure: Failure; times: number[]; count: number; lastIndex: number; line: string}>();
	// By index: entries() allocates a pair and a result at every line, for every running container's log.
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index]!;
		const failure = parser.parse(line.text);
		if (failure === undefined) {
			continue;
		}

		const key = parser.key(failure);
		const group = groups.get(key) ?? {failure, times: [], count: 0, lastIndex: index, line: line.text};
		group.count++;
		group.lastIndex = index;
		group.line = line.text.trim();
		const time = timeOf(line);
		if (time !== undefined) {
			group.times.push(time);
		}

		groups.set(key, group);
	}

	const [best] = [...groups.values()].sort((left, right) => right.count - left.count || right.lastIndex - left.lastIndex);
	if (!best || best.count < minimumRepeats || lines.slice(best.lastIndex + 1).some(line => parser.recovers(line.text))) {
		return undefined;
	}

	return best;
}

/** "24 s", "3 min": how long the failures have gone on. */
export function describeSpan(seconds: number): string {
	return seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

function timeOf(line: LogLine): number | undefined {
	const time = Date.parse(line.timestamp ?? '');
	return Number.isFinite(time) ? time / 1000 : undefined;
}
