/**
 * Search: one cold `unblock search` process against `node -e 0`, and against the same search from
 * the checkout's dist/ (the installed package must be as fast); per-query latency in this process (short typed queries with typos, pasted multi-line logs) on the shipped knowledge base
 * and on generated ones of 2,000 and 20,000 entries grown from it.
 */
import {loadKnowledgeBase} from '../source/adapters/knowledge-base.js';
import {cliCommand, nodeBaseline, nodeBaselineLabel} from './benchmark-commands.js';
import {commandSetting, measurePaired, recordFigure, type BenchmarkContext} from './benchmark-context.js';
import type {Figure} from './figure.js';
import {timeProcess} from './process-timer.js';
import {measureSearchLatency, type LatencySummary, type SearchLatency} from './search-latency.js';
import type {Summary} from './statistics.js';
import {generateKnowledgeBase, generateQueries, type KnowledgeSample} from './synthetic-knowledge-base.js';
import {coldSearchTarget, installedLikeCheckoutTarget, searchLatencyTarget, type QueryStyle} from './targets.js';

/** What someone types when a container will not stay up. */
export const coldSearchQuery = 'postgres restarting permission denied';

/** Generated knowledge-base sizes, besides the shipped one. */
export const syntheticSizes = [2000, 20_000] as const;

/** Queries of each style per knowledge base. */
const queryCount = 50;

export async function measureSearch(context: BenchmarkContext): Promise<void> {
	const setting = commandSetting(context);
	// Exit 1 means nothing matched: still a whole search.
	const command = cliCommand(setting, 'unblock search (cold)', ['search', coldSearchQuery], [0, 1]);
	await recordFigure(context, 'search', command.label, async () => measurePaired(context, {
		id: 'search.cold',
		group: 'search',
		label: command.label,
		target: coldSearchTarget,
		note: `unblock search "${coldSearchQuery}" on the shipped knowledge base`,
		measured: async () => timeProcess(command),
		baseline: {label: nodeBaselineLabel, run: async () => timeProcess(nodeBaseline(setting))},
	}));

	const fromCheckout = cliCommand(commandSetting(context, context.env, context.checkout), 'unblock search (cold), checkout', ['search', coldSearchQuery], [0, 1]);
	await recordFigure(context, 'search', `${command.label}, ${context.cli.name} against ${context.checkout.name}`, async () => measurePaired(context, {
		id: 'search.cold.installed-vs-checkout',
		group: 'search',
		label: `unblock search (cold), ${context.cli.name} vs ${context.checkout.name}`,
		target: installedLikeCheckoutTarget,
		note: 'the same search from the installed bin and from node dist/cli.js in the checkout, at least 30 runs each',
		// Equals compared: a difference of a few percent must stand out of the noise.
		runs: Math.max(context.options.runs, 30),
		measured: async () => timeProcess(command),
		baseline: {label: `${context.checkout.name} dist/cli.js`, run: async () => timeProcess(fromCheckout)},
	}));

	let shipped: KnowledgeSample | undefined;
	await recordFigure(context, 'search', 'search latency, shipped knowledge base', async () => {
		const base = await loadKnowledgeBase({cwd: context.root});
		shipped = {playbooks: base.playbooks, notes: base.notes};
		// Loading linked the notes already.
		return latencyFigures('shipped', measureLatency(context, shipped, false));
	});
	if (!shipped) {
		return;
	}

	for (const entries of syntheticSizes) {
		const from = shipped;
		await recordFigure(context, 'search', `search latency, ${entries.toLocaleString('en-US')} entries`, async () =>
			latencyFigures(entries, measureLatency(context, generateKnowledgeBase({entries, from}), true)));
	}
}

function measureLatency(context: BenchmarkContext, base: KnowledgeSample, link: boolean): SearchLatency {
	const queries = generateQueries(base, {count: queryCount});
	return measureSearchLatency({...base, queries, link, runs: Math.min(context.options.runs, 5), warmupRuns: 1});
}

function latencyFigures(size: 'shipped' | number, latency: SearchLatency): Figure[] {
	const name = size === 'shipped' ? `shipped (${latency.entries})` : size.toLocaleString('en-US');
	return (['short', 'pasted'] as const).map((style: QueryStyle): Figure => {
		const target = size === 'shipped' ? undefined : searchLatencyTarget(size, style);
		return {
			id: `search.latency.${size}.${style}`,
			group: 'search',
			label: `search ${name} entries, ${style} query`,
			unit: 'ms',
			samples: fromLatency(latency[style]),
			...(target ? {target} : {}),
			note: `${latency.playbooks} playbooks, ${latency.notes} notes; signatures' literals read in ${latency.literalsMs.toFixed(0)} ms, index built in ${latency.buildMs.toFixed(0)} ms, notes linked in ${latency.linkMs.toFixed(0)} ms, first query ${latency.firstQueryMs.toFixed(1)} ms`,
		};
	});
}

/** measureSearchLatency gives p50, p99 and max; the quartiles and minimum it does not report stay unknown (NaN). */
function fromLatency(latency: LatencySummary): Summary {
	return {count: latency.samples, min: Number.NaN, p25: Number.NaN, median: latency.p50, p75: Number.NaN, p99: latency.p99, max: latency.max};
}
