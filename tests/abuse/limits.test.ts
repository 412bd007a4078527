// The pieces of the abuse limits without a server: the client address rule (the same as
// adapter-node's for pages), the key addresses are counted under, the look-up guard's debt, the
// socket cap and the environment variables.
import { describe, expect, it } from 'vitest';
import { abuseLimitsFromEnv, DEFAULT_ABUSE_LIMITS } from '../../src/lib/server/abuse/limits';
import { PinLookupGuard } from '../../src/lib/server/abuse/pin-lookups';
import { SocketCap } from '../../src/lib/server/abuse/socket-cap';
import {
	addressRuleFromEnv,
	clientKey,
	handshakeAddress
} from '../../src/lib/server/http/client-ip';
import { TokenBucket } from '../../src/lib/server/realtime/token-bucket';

describe('client address', () => {
	const peer = '127.0.0.1';
	it('is the peer unless the operator named a header', () => {
		const rule = addressRuleFromEnv({});
		expect(rule).toEqual({ header: '', depth: 1 });
		expect(handshakeAddress({ 'x-forwarded-for': '6.6.6.6' }, peer, rule)).toBe(peer);
	});

	it('reads X-Forwarded-For at XFF_DEPTH from the right, as adapter-node does', () => {
		const xff = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' };
		const one = addressRuleFromEnv({ ADDRESS_HEADER: 'X-Forwarded-For' });
		const two = addressRuleFromEnv({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' });
		expect(handshakeAddress(xff, peer, one)).toBe('10.0.0.2');
		expect(handshakeAddress(xff, peer, two)).toBe('203.0.113.9');
		// Fewer entries than the depth, or no header (not through the proxy): the peer.
		expect(handshakeAddress({ 'x-forwarded-for': '1.2.3.4' }, peer, two)).toBe(peer);
		expect(handshakeAddress({}, peer, one)).toBe(peer);
		// Another header is taken whole.
		const real = addressRuleFromEnv({ ADDRESS_HEADER: 'X-Real-IP' });
		expect(handshakeAddress({ 'x-real-ip': '198.51.100.4' }, peer, real)).toBe('198.51.100.4');
		expect(addressRuleFromEnv({ ADDRESS_HEADER: 'x', XFF_DEPTH: 'zero' }).depth).toBe(1);
	});

	it('counts IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64', () => {
		expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
		expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
		expect(clientKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
		expect(clientKey('2001:0DB8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
		expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(clientKey('::1')).toBe('0:0:0:0::/64');
		expect(clientKey('not an address')).toBe('not an address');
		expect(clientKey('')).toBe('unknown');
	});
});

describe('the PIN look-up guard', () => {
	it('charges misses only, and a burst of misses is paid back before the next look-up', () => {
		const guard = new PinLookupGuard({ burst: 3, perMinute: 60 }); // one a second
		const t = 1_000_000;
		for (let i = 0; i < 10; i++) guard.settle('a', null, t); // hits cost nothing
		expect(guard.allows('a', t)).toEqual({ ok: true });
		// Ten misses answered at once (all were allowed before any was charged): seven in debt.
		for (let i = 0; i < 10; i++) guard.settle('a', 'ROOM_NOT_FOUND', t);
		const refused = guard.allows('a', t);
		expect(refused).toEqual({ ok: false, message: '查询房间过于频繁，请 8 秒后再试' });
		expect(guard.allows('a', t + 7_000).ok).toBe(false);
		expect(guard.allows('a', t + 8_000).ok).toBe(true);
		expect(guard.allows('b', t).ok).toBe(true);
		// Refusals that are not misses are not charged.
		for (let i = 0; i < 10; i++) guard.settle('c', 'NICKNAME_TAKEN', t);
		expect(guard.allows('c', t).ok).toBe(true);
	});

	it('keeps the plain take() of the per-socket limit', () => {
		const b = new TokenBucket(2, 1);
		expect([b.take(1000), b.take(1000), b.take(1000)]).toEqual([true, true, false]);
		expect(b.take(2000)).toBe(true);
	});
});

describe('the socket cap', () => {
	it('admits up to the cap per address and frees on release; 0 is no cap', () => {
		const cap = new SocketCap(2);
		expect([cap.admit('a'), cap.admit('a'), cap.admit('a'), cap.admit('b')]).toEqual([
			true,
			true,
			false,
			true
		]);
		cap.release('a');
		expect(cap.admit('a')).toBe(true);
		const none = new SocketCap(0);
		for (let i = 0; i < 5000; i++) expect(none.admit('a')).toBe(true);
	});
});

describe('abuse limits from the environment', () => {
	it('reads each variable, and keeps the default for a bad value', () => {
		expect(abuseLimitsFromEnv({})).toEqual(DEFAULT_ABUSE_LIMITS);
		const set = abuseLimitsFromEnv({
			ROOMS_PER_IP_PER_HOUR: '10',
			ROOMS_PER_ACCOUNT_PER_HOUR: '4',
			PIN_MISSES_PER_MINUTE: '12',
			PIN_MISS_BURST: '20',
			JOINS_PER_IP_PER_ROOM: '0',
			SOCKETS_PER_IP: '50',
			LOBBY_IDLE_MINUTES: '30',
			SIGNUPS_PER_IP_PER_HOUR: '200',
			QA_IDENTITIES_PER_IP_PER_HOUR: '200',
			CONTEST_ENTRIES_PER_IP_PER_HOUR: '300'
		});
		expect(set).toEqual({
			roomsPerIp: { points: 10, durationS: 3600 },
			roomsPerAccount: { points: 4, durationS: 3600 },
			pinMisses: { burst: 20, perMinute: 12 },
			joinsPerIpPerRoom: 0,
			socketsPerIp: 50,
			lobbyIdleMs: 30 * 60_000,
			signUpsPerIp: { points: 200, durationS: 3600 },
			qaIdentitiesPerIp: { points: 200, durationS: 3600 },
			contestEntriesPerIp: { points: 300, durationS: 3600 },
			qaQuestionsPerParticipant: { points: 1, durationS: 10 }
		});
		const bad = abuseLimitsFromEnv({ SOCKETS_PER_IP: '-3', ROOMS_PER_IP_PER_HOUR: '1.5' });
		expect(bad.socketsPerIp).toBe(DEFAULT_ABUSE_LIMITS.socketsPerIp);
		expect(bad.roomsPerIp).toEqual(DEFAULT_ABUSE_LIMITS.roomsPerIp);
	});
});
