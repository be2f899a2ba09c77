/** The catalogue of connection, name and login failures: what each client writes, and what it names. */
import {describe, expect, it} from 'vitest';
import {describeDialFailure, parseDialFailure} from '../../../source/core/detectors/dial-failures.js';

describe('dial failures', () => {
	it.each([
		['Error: connect ECONNREFUSED 127.0.0.1:5432', {kind: 'refused', host: '127.0.0.1', port: 5432}],
		['[ioredis] Unhandled error event: Error: connect ECONNREFUSED ::1:6379', {kind: 'refused', host: '::1', port: 6379}],
		['failed to connect to `host=localhost user=app database=app`: dial error (dial tcp 127.0.0.1:5432: connect: connection refused)', {kind: 'refused', host: '127.0.0.1', port: 5432}],
		['dial tcp [::1]:6379: connect: connection refused', {kind: 'refused', host: '::1', port: 6379}],
		['psycopg2.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused', {kind: 'refused', host: 'localhost', port: 5432}],
		['redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.', {kind: 'refused', host: 'localhost', port: 6379}],
		['pymongo.errors.ServerSelectionTimeoutError: mongo:27017: [Errno 111] Connection refused', {kind: 'refused', host: 'mongo', port: 27017}],
		['io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: localhost/127.0.0.1:6379', {kind: 'refused', host: 'localhost', port: 6379}],
		['org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the hostname and port are correct', {kind: 'refused', host: 'localhost', port: 5432}],
		['curl: (7) Failed to connect to api port 8000 after 3 ms: Connection refused', {kind: 'refused', host: 'api', port: 8000}],
		['wget: can\'t connect to remote host (127.0.0.1): Connection refused', {kind: 'refused', host: '127.0.0.1'}],
		['2025/01/15 10:00:00 [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:8000/", host: "localhost"', {kind: 'refused', host: '172.18.0.3', port: 8000}],
		['Could not connect to Redis at 127.0.0.1:6379: Connection refused', {kind: 'refused', host: '127.0.0.1', port: 6379}],
		['curl: (7) Failed to connect to 127.0.0.1 port 3000 after 1 ms: Couldn\'t connect to server', {kind: 'refused', host: '127.0.0.1', port: 3000}],
		['ERROR 2002 (HY000): Can\'t connect to MySQL server on \'db\' (111)', {kind: 'refused', host: 'db'}],
		['Error -3 connecting to redis:6379. Temporary failure in name resolution.', {kind: 'unresolved', host: 'redis', port: 6379}],
		['Error: getaddrinfo ENOTFOUND db', {kind: 'unresolved', host: 'db'}],
		['Error: getaddrinfo EAI_AGAIN redis', {kind: 'unresolved', host: 'redis'}],
		['psycopg2.OperationalError: could not translate host name "postgres" to address: Name or service not known', {kind: 'unresolved', host: 'postgres'}],
		['redis.exceptions.ConnectionError: Error -2 connecting to cache:6379. Name or service not known.', {kind: 'unresolved', host: 'cache', port: 6379}],
		['dial tcp: lookup etcd2 on 127.0.0.11:53: no such host', {kind: 'unresolved', host: 'etcd2'}],
		['java.net.UnknownHostException: kafka', {kind: 'unresolved', host: 'kafka'}],
		['nginx: [emerg] host not found in upstream "backend:8000" in /etc/nginx/conf.d/default.conf:12', {kind: 'unresolved', host: 'backend', port: 8000}],
		['curl: (6) Could not resolve host: api', {kind: 'unresolved', host: 'api'}],
		['nc: bad address \'db2\'', {kind: 'unresolved', host: 'db2'}],
		['wget: bad address \'db:5432\'', {kind: 'unresolved', host: 'db', port: 5432}],
		['Error: connect ETIMEDOUT 10.0.0.5:5432', {kind: 'timeout', host: '10.0.0.5', port: 5432}],
		['dial tcp 10.0.0.5:2379: i/o timeout', {kind: 'timeout', host: '10.0.0.5', port: 2379}],
		['FATAL:  password authentication failed for user "app"', {kind: 'authentication', user: 'app'}],
		['ERROR 1045 (28000): Access denied for user \'root\'@\'172.18.0.4\' (using password: YES)', {kind: 'authentication', user: 'root'}],
		['ReplyError: NOAUTH Authentication required.', {kind: 'authentication'}],
		['MongoServerError: Authentication failed.', {kind: 'authentication'}],
	])('%s', (line, expected) => {
		expect(parseDialFailure(line)).toEqual(expected);
	});

	it.each([
		'ERROR: upstream connection refused, retrying in 1s',
		'Traceback (most recent call last): handled, continuing',
		'GET /health 200 1ms',
		'connected to postgres at db:5432',
	])('names nothing in "%s"', line => {
		expect(parseDialFailure(line)).toBeUndefined();
	});

	it('says what failed in a few words', () => {
		expect(['Error: connect ECONNREFUSED ::1:6379', 'Error: getaddrinfo ENOTFOUND db', 'FATAL:  password authentication failed for user "app"', 'Error: connect ETIMEDOUT 10.0.0.5:5432']
			.map(line => describeDialFailure(parseDialFailure(line)!))).toEqual(['connection to [::1]:6379 refused', 'db does not resolve', 'login as app refused', 'connection to 10.0.0.5:5432 timed out']);
	});
});
