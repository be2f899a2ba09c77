/**
 * Facts a pasted command or compose file states by what it leaves out, which no word of it says:
 * a `docker run` without any published port, compose services that sit on different networks.
 * Each fact names the vocabulary concept it stands for, so it counts as if the user had said it.
 * Read leniently, line by line: pastes are cut, indented by hand and full of "...".
 */
export type ConfigurationFact = {
	/** The vocabulary concept the fact stands for. */
	readonly concept: string;
	/** How the fact reads in "why". */
	readonly written: string;
	/** The fact says the concept does not hold, as a concept's opposite does (vocabulary.ts). */
	readonly denies?: true;
};

/** The concepts the facts below name; a test holds them to the shipped vocabulary. */
export const factConcepts = ['port-not-mapped', 'separate-networks', 'latest-tag', 'dockerfile', 'localhost-in-settings'] as const;

const runCommand = /\b(?:docker|podman)(?:\s+container)?\s+run\s+([^\n`]*)/g;
const publishFlag = /(?:^|\s)(?:-p|--publish(?:-all)?|-P|--net(?:work)?(?:=|\s+)host)(?=[\s=]|\d|$)/;

export function pastedConfigurationFacts(text: string): ConfigurationFact[] {
	const facts: ConfigurationFact[] = [];
	for (const match of text.matchAll(runCommand)) {
		const rest = match[1] ?? '';
		// "docker run says the command was not found" is prose: a command has flags or an image name.
		if (looksLikeArguments(rest) && !publishFlag.test(rest)) {
			facts.push({concept: 'port-not-mapped', written: 'docker run without -p'});
			break;
		}
	}

	if (composeNetworksDiffer(text)) {
		facts.push({concept: 'separate-networks', written: 'compose services on different networks'});
	}

	const dial = localhostDial(text);
	if (dial) {
		facts.push({concept: 'localhost-in-settings', written: dial});
	}

	if (dockerfileInstruction.test(text)) {
		facts.push({concept: 'dockerfile', written: 'Dockerfile instructions'});
	}

	const tag = pinnedImageTag(text);
	if (tag !== undefined) {
		facts.push({concept: 'latest-tag', written: `an image tagged ${tag}`, denies: true});
	}

	return facts;
}

/**
 * A setting that names where to connect, given localhost ("DB_HOST=localhost", "host: 127.0.0.1",
 * `broker_url = 'amqp://guest@localhost:5672//'`): the app is told to dial itself.
 */
const localhostSetting = /(?:^|[\s,{;])["']?([\w.-]*(?:url|uri|host|dsn|addr|address|endpoint|server))["']?\s*[:=]\s*["']?(?:[a-z][\w+.-]*:\/\/(?:[^@\s'"/]*@)?)?(?:localhost|127\.0\.0\.1)(?![\w.-])/gim;

/** A log line that says where a server listens: its address is where it waits, not where it dials. */
const listenLine = /\b(?:listen\w*|serving|bound|bind)\b|\b(?:start\w*|running)\b[^\n]{0,30}\bserver\b|\bserver\b[^\n]{0,10}\b(?:start\w*|running|ready)\b/i;

/**
 * Code that dials a literal localhost address (`fetch('http://localhost:8000/api')`,
 * `requests.get("http://127.0.0.1:5000")`, `mongoose.connect('mongodb://localhost/app')`): the
 * same instruction as a setting, written into a call.
 */
const localhostCall = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\(\s*[fFrRbB]?["'`](?:[a-z][\w+.-]*:\/\/(?:[^@\s'"`/]*@)?)(?:localhost|127\.0\.0\.1)(?![\w.-])/g;

/** Calls that open a connection to the address they are given (a log call only prints it, a server's listen waits there). */
const dialingCall = /^(?:fetch|axios|got|get|post|put|patch|delete|request|urlopen|connect|create_?client|create_?connection|create_?pool|create_?engine|from_?url|redis|strict_?redis|mongo_?client|pool|client|sequelize|websocket|event_?source)$/i;

/** How the first setting (or call) that tells the app to dial localhost reads, if there is one. */
function localhostDial(text: string): string | undefined {
	const call = [...text.matchAll(localhostCall)].find(match => dialingCall.test(match[1]!));
	if (call) {
		return `${call[1]!}() dials localhost`;
	}

	for (const match of text.matchAll(localhostSetting)) {
		const lineStart = text.lastIndexOf('\n', match.index) + 1;
		const lineEnd = text.indexOf('\n', match.index + match[0].length);
		if (!listenLine.test(text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd))) {
			return `${match[1]!.trim()} set to localhost`;
		}
	}

	return undefined;
}

/** A line of a Dockerfile as people paste it: an instruction in capitals, then its arguments. */
const dockerfileInstruction = /^\s*(?:FROM\s+[\w./:-]+|(?:RUN|COPY|ADD|CMD|ENTRYPOINT|WORKDIR|USER|ARG|ENV|EXPOSE|VOLUME|HEALTHCHECK)\s+\S)/m;

/**
 * Where an image is named ("image: app:1.4", `pull image "app:dev"`, `-t app:v2`, `kind load
 * docker-image app:test`), the tag it is named with, if it is one of its own: such an image is
 * not the ":latest" one Kubernetes pulls again. A registry's port ("localhost:5000/app") is no tag.
 */
const namedImage = /(?:\bimage\b["']?\s*[:=]?\s*|\b(?:pull|push|load|docker-image|import)\s+|(?:^|\s)(?:-t|--tag)[\s=]+)["']?((?:[\w.-]+(?::\d+)?\/)*[\w.-]+):([\w][\w.-]{0,127})(?=["'\s,;)\]]|$)/gim;

function pinnedImageTag(text: string): string | undefined {
	for (const match of text.matchAll(namedImage)) {
		const tag = match[2]!;
		if (tag.toLowerCase() !== 'latest') {
			return tag;
		}
	}

	return undefined;
}

function looksLikeArguments(rest: string): boolean {
	return rest.split(/\s+/).some(token => token.startsWith('-') || /^[\w.-]+(?:\/[\w.-]+)*:[\w.-]+$|^[\w.-]+\/[\w.-]+/.test(token));
}

/**
 * Whether a pasted compose file puts its services on different networks: one service names
 * networks and another names none (it is on the default network) or names none of the same.
 */
function composeNetworksDiffer(text: string): boolean {
	const lines = text.split('\n');
	const servicesAt = lines.findIndex(line => /^\s*services:\s*$/.test(line));
	if (servicesAt === -1) {
		return false;
	}

	const indentOf = (line: string) => line.length - line.trimStart().length;
	const baseIndent = indentOf(lines[servicesAt]!);
	const services = new Map<string, Set<string>>();
	let serviceIndent = -1;
	let current: Set<string> | undefined;
	let inNetworks = -1;
	let memberIndent = -1;
	for (const line of lines.slice(servicesAt + 1)) {
		if (line.trim() === '' || line.trim().startsWith('#') || line.trim() === '...') {
			continue;
		}

		const indent = indentOf(line);
		if (indent <= baseIndent) {
			break;
		}

		const key = /^\s*([\w.-]+):/.exec(line)?.[1];
		if (serviceIndent === -1 && key) {
			serviceIndent = indent;
		}

		if (indent === serviceIndent && key) {
			current = new Set();
			services.set(key, current);
			inNetworks = -1;
			continue;
		}

		if (!current) {
			continue;
		}

		if (key === 'networks') {
			inNetworks = indent;
			memberIndent = -1;
			const inline = /networks:\s*\[([^\]]*)\]/.exec(line)?.[1];
			for (const name of inline?.split(',') ?? []) {
				current.add(name.trim());
			}

			continue;
		}

		if (inNetworks !== -1 && indent > inNetworks) {
			memberIndent = memberIndent === -1 ? indent : memberIndent;
			const name = /^\s*-\s*([\w.-]+)|^\s*([\w.-]+):/.exec(line);
			const network = name?.[1] ?? name?.[2];
			if (network && indent === memberIndent) {
				current.add(network);
			}

			continue;
		}

		inNetworks = -1;
	}

	if (services.size < 2) {
		return false;
	}

	const sets = [...services.values()].map(set => set.size === 0 ? new Set(['default']) : set);
	return sets.some(left => sets.some(right => ![...left].some(network => right.has(network))));
}
