import {compareIds} from './compare-ids.js';
import type {SearchEntry} from './search-index.js';

/**
 * One cause, one place: of the entries that share a cause, the best playbook stands for them
 * (a note or a second playbook of the same cause would only repeat its answer), at the best score
 * any of them reached, and the others come along as its variants. Entries without a cause stand
 * alone. Only what can make the first `limit` places is sorted.
 */
export type RankedGroup = {
	readonly entry: number;
	readonly score: number;
	/** The other entries of the same cause, best first. */
	readonly also: readonly number[];
};

export function groupByCause(entries: readonly SearchEntry[], candidates: readonly number[], scores: readonly number[], limit: number): RankedGroup[] {
	if (limit <= 0 || candidates.length === 0) {
		return [];
	}

	const order = (left: number, right: number) => scores[right]! - scores[left]!
		|| kindOrder(entries[candidates[left]!]!.kind) - kindOrder(entries[candidates[right]!]!.kind)
		|| compareIds(entries[candidates[left]!]!.id, entries[candidates[right]!]!.id);

	// Variants share a cause, so a few times `limit` candidates almost always hold `limit` causes;
	// when they do not, everything is sorted.
	let positions = bestPositions(scores, limit * 4);
	positions.sort(order);
	let groups = collect(entries, candidates, positions, scores);
	if (groups.length < limit && positions.length < candidates.length) {
		positions = candidates.map((_, position) => position).sort(order);
		groups = collect(entries, candidates, positions, scores);
	}

	return groups.slice(0, limit);
}

function collect(entries: readonly SearchEntry[], candidates: readonly number[], sorted: readonly number[], scores: readonly number[]): RankedGroup[] {
	const groups: Array<{entry: number; score: number; also: number[]}> = [];
	const byCause = new Map<string, number>();
	for (const position of sorted) {
		const entry = candidates[position]!;
		const {cause, kind} = entries[entry]!;
		const group = cause === undefined ? undefined : byCause.get(cause);
		if (group === undefined) {
			if (cause !== undefined) {
				byCause.set(cause, groups.length);
			}

			groups.push({entry, score: scores[position]!, also: []});
			continue;
		}

		const leader = groups[group]!;
		if (kind === 'playbook' && entries[leader.entry]!.kind === 'note') {
			// The best playbook leads its cause: it holds the fix.
			leader.also.unshift(leader.entry);
			leader.entry = entry;
		} else {
			leader.also.push(entry);
		}
	}

	return groups;
}

/** The positions of the `count` best scores (all of them on a tie at the cut). */
function bestPositions(scores: readonly number[], count: number): number[] {
	const cutoff = countthBest(scores, count);
	const positions: number[] = [];
	for (const [position, score] of scores.entries()) {
		if (score >= cutoff) {
			positions.push(position);
		}
	}

	return positions;
}

/** The `count`-th best score, or 0 when there are fewer: kept in a short sorted list, as count is small. */
function countthBest(scores: readonly number[], count: number): number {
	if (scores.length <= count) {
		return 0;
	}

	const top: number[] = [];
	for (const score of scores) {
		if (top.length < count || score > top[top.length - 1]!) {
			let at = top.length < count ? top.length : top.length - 1;
			while (at > 0 && top[at - 1]! < score) {
				top[at] = top[at - 1]!;
				at--;
			}

			top[at] = score;
		}
	}

	return top[count - 1]!;
}

function kindOrder(kind: SearchEntry['kind']): number {
	return kind === 'playbook' ? 0 : 1;
}
