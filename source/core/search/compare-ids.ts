/**
 * Orders entry ids the way the collator does (Unicode root order, which English uses), for the
 * tie-breaks of ranking and linking. The first locale comparison in a process loads the collation
 * data, about 11 ms here, and start-up pays it for nothing: ids are kebab-case slugs, and strings
 * of lowercase letters, digits and `_ - . / #` compare position by position in this order
 * (a test holds it against the collator). Anything else goes to the collator.
 */
const order = '_-./#0123456789abcdefghijklmnopqrstuvwxyz';
const ranks = new Int8Array(128).fill(-1);
for (let rank = 0; rank < order.length; rank++) {
	ranks[order.charCodeAt(rank)] = rank;
}

let collator: Intl.Collator | undefined;

export function compareIds(left: string, right: string): number {
	const length = Math.min(left.length, right.length);
	for (let at = 0; at < length; at++) {
		const leftRank = rankOf(left.charCodeAt(at));
		const rightRank = rankOf(right.charCodeAt(at));
		if (leftRank < 0 || rightRank < 0) {
			return collated(left, right);
		}

		if (leftRank !== rightRank) {
			return leftRank - rightRank;
		}
	}

	// One is the start of the other: the rest of the longer must be plain too for the shorter to come first.
	const longer = left.length > right.length ? left : right;
	for (let at = length; at < longer.length; at++) {
		if (rankOf(longer.charCodeAt(at)) < 0) {
			return collated(left, right);
		}
	}

	return left.length - right.length;
}

function rankOf(code: number): number {
	return code < 128 ? ranks[code]! : -1;
}

function collated(left: string, right: string): number {
	collator ??= new Intl.Collator('und');
	return collator.compare(left, right);
}
