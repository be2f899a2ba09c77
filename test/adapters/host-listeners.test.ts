import {describe, expect, it} from 'vitest';
import {parseProcNetTcp} from '../../source/adapters/host-listeners.js';

describe('parseProcNetTcp', () => {
	it('keeps listening sockets with their address, port and inode', () => {
		const tcp = [
			'  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
			'   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0',
			'   1: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 23456 1 0000000000000000 100 0 0 10 0',
			'   2: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 34567 1 0000000000000000 100 0 0 10 0',
		].join('\n');
		expect(parseProcNetTcp(tcp)).toEqual([
			{address: '0.0.0.0', port: 8080, inode: '12345'},
			{address: '127.0.0.1', port: 3306, inode: '23456'},
		]);
	});

	it('reads IPv6 any and loopback', () => {
		const tcp6 = [
			'  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
			'   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0',
			'   1: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 100 0 0 10 0',
		].join('\n');
		expect(parseProcNetTcp(tcp6)).toEqual([
			{address: '::', port: 8080, inode: '111'},
			{address: '::1', port: 8081, inode: '222'},
		]);
	});
});
