/**
 * How clients write that they could not reach or log in to another service, as data: each entry
 * says which kind of failure it is and captures what was dialled (`host`, `port`) or who logged
 * in (`user`). A failure that names nothing is left out on purpose: "upstream connection refused,
 * retrying" tells nobody what to fix, and a noisy but working service writes such lines all day.
 */

export const dialFailureKinds = ['refused', 'unresolved', 'timeout', 'authentication'] as const;
export type DialFailureKind = (typeof dialFailureKinds)[number];

export type DialFailure = {
	readonly kind: DialFailureKind;
	/** The host name or address dialled, as written (brackets of an IPv6 address removed). */
	readonly host?: string;
	readonly port?: number;
	readonly user?: string;
};

type Pattern = {readonly kind: DialFailureKind; readonly pattern: RegExp};

const host = String.raw`(?<host>\[[\da-fA-F:.]+\]|[\w.:-]+)`;
const name = String.raw`(?<host>[\w.-]+)`;
const port = String.raw`(?<port>\d{1,5})`;

const patterns: readonly Pattern[] = [
	// Node, Go, libpq, redis-py, pymongo, JDBC and Netty, curl, busybox, nginx, MySQL clients.
	{kind: 'refused', pattern: new RegExp(String.raw`\bconnect ECONNREFUSED ${host}:${port}\b`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bdial tcp ${host}:${port}: connect: connection refused`)},
	{kind: 'refused', pattern: new RegExp(String.raw`connection to server at "${name}" \([^)]*\), port ${port} failed: Connection refused`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bError 111 connecting to ${name}:${port}`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\b${name}:${port}: \[Errno 111\] Connection refused`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bConnection refused(?:: | \()${name}(?:/[\d.]+)?:${port}`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bConnection to ${name}:${port} refused`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bFailed to connect to ${name} port ${port}\b[^\n]*(?:Connection refused|Couldn't connect to server)`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bcan't connect to remote host \((?<host>[\d.]+)\): Connection refused`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bconnect\(\) failed \(111: Connection refused\) while connecting to upstream[^\n]*upstream: "[a-z]+://${name}:${port}`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bCan't connect to MySQL server on '${name}(?::${port})?' \(111`)},
	{kind: 'refused', pattern: new RegExp(String.raw`\bCould not connect to Redis at ${name}:${port}: Connection refused`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN) ${name}`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bcould not translate host name "${name}" to address`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bError -[23] connecting to ${name}:${port}\. (?:Name or service not known|Temporary failure in name resolution)`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\blookup ${name}(?: on [\d.:[\]]+)?: (?:no such host|server misbehaving|Temporary failure in name resolution)`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bUnknownHostException: ${name}`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bhost not found in upstream "${name}(?::${port})?"`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bCould not resolve host: ${name}`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bbad address '${name}(?::${port})?'`)},
	{kind: 'unresolved', pattern: new RegExp(String.raw`\bCouldn't resolve server ${name}:${port}`)},
	{kind: 'timeout', pattern: new RegExp(String.raw`\bconnect ETIMEDOUT ${host}:${port}\b`)},
	{kind: 'timeout', pattern: new RegExp(String.raw`\bdial tcp ${host}:${port}: (?:i/o timeout|connect: connection timed out)`)},
	{kind: 'timeout', pattern: new RegExp(String.raw`connection to server at "${name}" \([^)]*\), port ${port} failed: (?:timeout expired|Connection timed out)`)},
	{kind: 'timeout', pattern: new RegExp(String.raw`\bFailed to connect to ${name} port ${port}\b[^\n]*(?:timed out|Timeout was reached)`)},
	{kind: 'authentication', pattern: /\bpassword authentication failed for user "(?<user>[^"]{1,63})"/},
	{kind: 'authentication', pattern: /\bAccess denied for user '(?<user>[^']{1,63})'@/},
	{kind: 'authentication', pattern: /\bFATAL: {1,2}role "(?<user>[^"]{1,63})" does not exist/},
	{kind: 'authentication', pattern: /\b(?:NOAUTH Authentication required|WRONGPASS invalid username-password pair)/},
	{kind: 'authentication', pattern: /\b(?:MongoServerError|MongoError|OperationFailure): Authentication failed/},
	{kind: 'authentication', pattern: /\bSCRAM authentication failed\b/},
];

/** A word every pattern above holds: most lines of a log hold none, and are passed over at once. */
const anyFailure = /refused|ECONNREFUSED|Error 111|connect to server|Can't connect|resolve|resolution|ENOTFOUND|EAI_AGAIN|translate host|Name or service|lookup|UnknownHost|not found in upstream|bad address|ETIMEDOUT|timeout|timed out|Timeout|authentication|Authentication|Access denied|NOAUTH|WRONGPASS|does not exist/;

/** The failure a log line reports, or undefined. */
export function parseDialFailure(line: string): DialFailure | undefined {
	if (!anyFailure.test(line)) {
		return undefined;
	}

	for (const {kind, pattern} of patterns) {
		const match = pattern.exec(line);
		if (!match) {
			continue;
		}

		const {groups} = match;
		const target = groups?.host?.replace(/^\[(.*)\]$/, '$1');
		const number = groups?.port === undefined ? Number.NaN : Number(groups.port);
		return {
			kind,
			...(target ? {host: target} : {}),
			...(Number.isInteger(number) && number > 0 && number < 65_536 ? {port: number} : {}),
			...(groups?.user ? {user: groups.user} : {}),
		};
	}

	return undefined;
}

/** The same failure again: same kind, same target. */
export function failureKey(failure: DialFailure): string {
	return [failure.kind, failure.host ?? '', failure.port ?? '', failure.user ?? ''].join(' ');
}

/** "connection to localhost:5432 refused", "db does not resolve", "login as app refused". */
export function describeDialFailure(failure: DialFailure): string {
	const target = failure.host ? `${failure.host.includes(':') ? `[${failure.host}]` : failure.host}${failure.port === undefined ? '' : `:${failure.port}`}` : 'its server';
	switch (failure.kind) {
		case 'refused': {
			return `connection to ${target} refused`;
		}

		case 'unresolved': {
			return `${failure.host ?? 'a host name'} does not resolve`;
		}

		case 'timeout': {
			return `connection to ${target} timed out`;
		}

		case 'authentication': {
			return failure.user ? `login as ${failure.user} refused` : 'authentication failed';
		}
	}
}
